/**
 * Paints the printed surface a QR is read from — a gold card or a phone screen — as an
 * RGB reflectance raster in module units, with the wear a card gathers in a wallet:
 * faded ink, scratches through the laminate, dirt; a phone's cracked protector; a thumb
 * over the code. Pure JS: runs in Node and browsers.
 */
import { makeRng } from './prng.mjs';

const QUIET = 4;
const TEXELS_PER_MODULE = 8;

const GOLD = [0.86, 0.72, 0.4];
const PANEL = [0.95, 0.93, 0.86];
const INK = [0.07, 0.06, 0.06];
const SCREEN = [0.97, 0.97, 0.97];
const PHONE_BODY = [0.05, 0.05, 0.06];
// Inverted codes: a dark card printed in gold, a phone in dark mode.
const NAVY = [0.08, 0.09, 0.14];
const GOLD_INK = [0.9, 0.8, 0.55];
const DARK_SCREEN = [0.07, 0.07, 0.08];
const LIGHT_PIXELS = [0.88, 0.88, 0.88];
const SKIN = [0.86, 0.63, 0.52];

/** Rectangle of the surface in module units, origin at the QR's top-left module. */
export function surfaceBounds(kind, n) {
  const block = n + 2 * QUIET;
  if (kind === 'phone') {
    return { u0: -QUIET - 0.2 * block, v0: -QUIET - 0.65 * block, u1: n + QUIET + 0.2 * block, v1: n + QUIET + 0.75 * block };
  }
  return { u0: -QUIET - 0.72 * block, v0: -QUIET - 0.05 * block, u1: n + QUIET + 0.06 * block, v1: n + QUIET + 0.05 * block };
}

/**
 * Paints the surface; `wear`, `contrast`, `invert` (light modules on a dark ground),
 * `screen` (a phone's cracks; its pixel grid and reflection are seen per sample, see
 * screenMask/screenReflection) and `finger` come from the frame's spec. Wear, cracks and
 * the finger draw from an rng of their own, so a frame without them is painted as before.
 */
export function paintSurface({ kind, modules, contrast, wear, invert = false, screen = null, finger = null }, rng) {
  const n = modules.size;
  const b = surfaceBounds(kind, n);
  const r = TEXELS_PER_MODULE;
  const width = Math.ceil((b.u1 - b.u0) * r);
  const height = Math.ceil((b.v1 - b.v0) * r);
  const rgb = new Float32Array(width * height * 3);
  const paper = kind === 'phone' ? (invert ? DARK_SCREEN : SCREEN) : invert ? NAVY : PANEL;
  const darkest = kind === 'phone' ? (invert ? LIGHT_PIXELS : INK) : invert ? GOLD_INK : INK;
  const ink = darkest.map((c, i) => paper[i] + (c - paper[i]) * contrast);
  const inkMask = new Float32Array(width * height);

  for (let ty = 0; ty < height; ty++) {
    const v = b.v0 + (ty + 0.5) / r;
    for (let tx = 0; tx < width; tx++) {
      const u = b.u0 + (tx + 0.5) / r;
      const o = (ty * width + tx) * 3;
      baseColour(kind, u, v, n, b, rgb, o, invert);
      if (u >= 0 && v >= 0 && u < n && v < n && modules.data[Math.floor(v) * n + Math.floor(u)]) inkMask[ty * width + tx] = 1;
      else if (kind === 'card' && isTextBar(u, v, n)) inkMask[ty * width + tx] = 0.85;
    }
  }

  const tex = { width, height, r, b };
  if (wear > 0) applyWear(tex, inkMask, rgb, wear, n, rng);

  for (let i = 0, o = 0; i < inkMask.length; i++, o += 3) {
    const k = inkMask[i];
    if (k === 0) continue;
    for (let c = 0; c < 3; c++) rgb[o + c] = rgb[o + c] * (1 - k) + ink[c] * k;
  }
  if (screen?.cracks) paintCracks(tex, rgb, screen.cracks, makeRng(screen.cracks.seed));
  if (finger) paintFinger(tex, rgb, finger, n, makeRng(finger.seed));
  return { ...tex, rgb, kind, n, screen, ink };
}

/** Whether (u, v) is on the lit part of a phone's front (inside the bezel). */
function onScreen(u, v, n, b) {
  const margin = 0.04 * (n + 2 * QUIET);
  return u > b.u0 + margin && u < b.u1 - margin && v > b.v0 + 3 * margin && v < b.v1 - 3 * margin;
}

function baseColour(kind, u, v, n, b, rgb, o, invert) {
  let colour = PANEL;
  let shade = 1;
  if (kind === 'phone') {
    colour = onScreen(u, v, n, b) ? (invert ? DARK_SCREEN : SCREEN) : PHONE_BODY;
  } else if (invert) {
    colour = NAVY;
  } else if (u < -QUIET || v < -QUIET || u >= n + QUIET || v >= n + QUIET) {
    // A brushed-gold gradient, so the card is not a flat colour around the QR.
    colour = GOLD;
    shade = 0.92 + 0.08 * Math.sin((u + 0.6 * v) / 9);
  }
  rgb[o] = colour[0] * shade;
  rgb[o + 1] = colour[1] * shade;
  rgb[o + 2] = colour[2] * shade;
}

// Printed lines of text on the card's left half (holder name, card number, issuer).
function isTextBar(u, v, n) {
  const block = n + 2 * QUIET;
  const left = -QUIET - 0.64 * block;
  const right = -QUIET - 0.1 * block;
  if (u < left || u > right) return false;
  const line = (v + QUIET) / (0.13 * block);
  const row = Math.floor(line);
  if (row < 1 || row > 6 || line - row > 0.45) return false;
  const lineEnd = right - ((row * 37) % 5) * 0.07 * block;
  // Gaps between "characters".
  return u < lineEnd && Math.floor((u - left) / 1.6) % 4 !== 3;
}

function applyWear(tex, inkMask, rgb, wear, n, rng) {
  const { width, height, r, b } = tex;
  const toTex = (u, v) => [(u - b.u0) * r, (v - b.v0) * r];
  // Faded patches: the ink has rubbed off in soft-edged ellipses.
  const fades = Math.round(1 + 3 * wear);
  for (let i = 0; i < fades; i++) {
    const [cx, cy] = toTex(rng.range(0, n), rng.range(0, n));
    const rad = rng.range(0.08, 0.2) * n * r;
    const depth = rng.range(0.25, 0.6) * wear;
    forDisc(cx, cy, rad * 1.4, width, height, (idx, d) => {
      const fall = Math.max(0, 1 - d / rad);
      inkMask[idx] *= 1 - depth * Math.min(1, fall * 1.5);
    });
  }
  // Scratches in the laminate: thin bright lines that cut through modules.
  const scratches = Math.round(2 + 6 * wear);
  for (let i = 0; i < scratches; i++) {
    const [x0, y0] = toTex(rng.range(-QUIET, n + QUIET), rng.range(-QUIET, n + QUIET));
    const angle = rng.range(0, Math.PI);
    const len = rng.range(0.15, 0.7) * n * r;
    const half = rng.range(0.08, 0.3) * r;
    const strength = rng.range(0.5, 0.95);
    for (let s = -len / 2; s < len / 2; s += 0.5) {
      const px = x0 + s * Math.cos(angle);
      const py = y0 + s * Math.sin(angle);
      forDisc(px, py, half, width, height, (idx) => {
        inkMask[idx] *= 1 - strength;
        const o = idx * 3;
        for (let c = 0; c < 3; c++) rgb[o + c] = Math.min(1, rgb[o + c] + 0.05 * strength);
      });
    }
  }
  // Dirt: small dark specks.
  const specks = Math.round(10 * wear);
  for (let i = 0; i < specks; i++) {
    const [cx, cy] = toTex(rng.range(-QUIET, n + QUIET), rng.range(-QUIET, n + QUIET));
    const rad = rng.range(0.2, 0.8) * r;
    forDisc(cx, cy, rad, width, height, (idx) => {
      inkMask[idx] = Math.max(inkMask[idx], 0.7);
    });
  }
}

function forDisc(cx, cy, rad, width, height, visit) {
  const x0 = Math.max(0, Math.floor(cx - rad));
  const x1 = Math.min(width - 1, Math.ceil(cx + rad));
  const y0 = Math.max(0, Math.floor(cy - rad));
  const y1 = Math.min(height - 1, Math.ceil(cy + rad));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.hypot(x - cx, y - cy);
      if (d <= rad) visit(y * width + x, d);
    }
  }
}

/** Bilinear sample of the surface at module coordinates (u, v); false when off the surface. */
export function sampleSurface(tex, u, v, out) {
  const { width, height, r, b, rgb } = tex;
  const x = (u - b.u0) * r - 0.5;
  const y = (v - b.v0) * r - 0.5;
  if (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5) return false;
  const xi = Math.min(width - 2, Math.max(0, Math.floor(x)));
  const yi = Math.min(height - 2, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - xi));
  const fy = Math.min(1, Math.max(0, y - yi));
  const o00 = (yi * width + xi) * 3;
  const o10 = o00 + 3;
  const o01 = o00 + width * 3;
  const o11 = o01 + 3;
  for (let c = 0; c < 3; c++) {
    const top = rgb[o00 + c] * (1 - fx) + rgb[o10 + c] * fx;
    const bottom = rgb[o01 + c] * (1 - fx) + rgb[o11 + c] * fx;
    out[c] = top * (1 - fy) + bottom * fy;
  }
  return true;
}

/**
 * A phone screen's pixel grid at (u, v), per channel (mean 1): each pixel is three
 * vertical R, G, B stripes over `fill` of its height, with black gaps. The camera samples
 * it below its pitch, and the beats are the moiré. `moire` is how much of the grid the
 * lens and sensor let through. Writes into `out`; returns false off the screen.
 */
export function screenMask(tex, u, v, out, pass) {
  const { screen, n, b } = tex;
  if (!screen || screen.moire <= 0 || !onScreen(u, v, n, b)) return false;
  const px = u * screen.pixelsPerModule;
  const py = v * screen.pixelsPerModule;
  const sub = Math.floor((px - Math.floor(px)) * 3);
  const lit = py - Math.floor(py) < screen.fill;
  // Each pattern keeps its mean (1) and only the share of its contrast that the lens and
  // the pixel area let through (`pass`, from the pitch in camera pixels; see render-frame).
  const row = 1 + screen.moire * pass.rows * (lit ? 1 / screen.fill - 1 : -1);
  for (let c = 0; c < 3; c++) out[c] = row * (1 + screen.moire * pass.stripes * (c === sub ? 2 : -1));
  return true;
}

/** Light the phone's glass mirrors at (u, v): a window's broad band and a veil. 0 elsewhere. */
export function screenReflection(tex, u, v) {
  const { screen, n, b } = tex;
  const reflection = screen?.reflection;
  if (!reflection || u < b.u0 || u > b.u1 || v < b.v0 || v > b.v1) return 0;
  const size = n + 2 * QUIET;
  const a = (reflection.angleDeg * Math.PI) / 180;
  const t = ((u - n / 2) * Math.cos(a) + (v - n / 2) * Math.sin(a)) / size - reflection.offset;
  return reflection.veil + reflection.peak * Math.exp(-(t * t) / (2 * reflection.width * reflection.width));
}

/** A cracked protector: jagged bright lines from an impact point, with a few branches. */
function paintCracks(tex, rgb, cracks, rng) {
  const { width, height, r, b } = tex;
  const u0 = b.u0 + cracks.u * (b.u1 - b.u0);
  const v0 = b.v0 + cracks.v * (b.v1 - b.v0);
  const span = Math.max(b.u1 - b.u0, b.v1 - b.v0);
  const lines = [];
  for (let i = 0; i < cracks.count; i++) lines.push({ u: u0, v: v0, angle: (2 * Math.PI * (i + rng.range(0, 0.8))) / cracks.count, length: rng.range(0.3, 0.9) * span });
  while (lines.length > 0) {
    const line = lines.pop();
    const half = rng.range(0.12, 0.3) * r;
    const strength = rng.range(0.55, 0.9);
    let { u, v, angle } = line;
    for (let s = 0; s < line.length; s += 0.25) {
      if (rng.chance(0.08)) angle += rng.range(-0.35, 0.35);
      if (rng.chance(0.006) && line.length - s > 4) lines.push({ u, v, angle: angle + rng.signed(0.4, 1), length: rng.range(0.2, 0.5) * (line.length - s) });
      u += 0.25 * Math.cos(angle);
      v += 0.25 * Math.sin(angle);
      // The broken glass bends light away at the crack's edges and scatters it at its core.
      forDisc((u - b.u0) * r, (v - b.v0) * r, 2.5 * half, width, height, (idx, d) => {
        const o = idx * 3;
        if (d <= half) for (let c = 0; c < 3; c++) rgb[o + c] += (0.97 - rgb[o + c]) * strength;
        else for (let c = 0; c < 3; c++) rgb[o + c] *= 1 - 0.08 * strength;
      });
    }
  }
}

/**
 * Where a thumb lies over the code: a capsule from off the card's `edge` whose tip is
 * pushed in until it covers `cover` of the symbol's modules, never a finder pattern.
 * Returns the segment (module units) and radius; also used to measure the cover.
 */
export function fingerShape(finger, n) {
  const a = (finger.angleDeg * Math.PI) / 180;
  const radius = finger.width / 2;
  const far = n + QUIET + 40;
  const entry = finger.edge === 'bottom' ? [finger.along * n, far] : [far, finger.along * n];
  const dir = finger.edge === 'bottom' ? [Math.sin(a), -Math.cos(a)] : [-Math.cos(a), Math.sin(a)];
  const at = (reach) => ({ from: entry, to: [entry[0] + dir[0] * reach, entry[1] + dir[1] * reach], radius });
  const inFinder = (x, y) => (x < 8 && y < 8) || (x >= n - 8 && y < 8) || (x < 8 && y >= n - 8);
  const measure = (shape) => {
    let covered = 0;
    let finder = false;
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (segmentDistance(x + 0.5, y + 0.5, shape) > radius) continue;
        covered++;
        if (inFinder(x, y)) finder = true;
      }
    }
    return { cover: covered / (n * n), finder };
  };
  let lo = 0;
  let hi = far + n;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const m = measure(at(mid));
    if (m.finder || m.cover > finger.cover) hi = mid;
    else lo = mid;
  }
  const shape = at(lo);
  return { ...shape, cover: measure(shape).cover };
}

function segmentDistance(x, y, { from, to }) {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const t = Math.max(0, Math.min(1, ((x - from[0]) * dx + (y - from[1]) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(x - from[0] - t * dx, y - from[1] - t * dy);
}

/** Paints the thumb (skin, rounder and darker at its sides) and its soft shadow on the surface. */
function paintFinger(tex, rgb, finger, n, rng) {
  const { width, height, r, b } = tex;
  const shape = fingerShape(finger, n);
  const shadow = 0.9;
  const tone = rng.range(0.85, 1.05);
  for (let ty = 0; ty < height; ty++) {
    const v = b.v0 + (ty + 0.5) / r;
    for (let tx = 0; tx < width; tx++) {
      const u = b.u0 + (tx + 0.5) / r;
      const d = segmentDistance(u, v, shape);
      if (d > shape.radius + shadow) continue;
      const o = (ty * width + tx) * 3;
      if (d > shape.radius) {
        const dark = 0.55 + 0.45 * ((d - shape.radius) / shadow);
        for (let c = 0; c < 3; c++) rgb[o + c] *= dark;
        continue;
      }
      const across = d / shape.radius;
      const shade = tone * (1 - 0.4 * across * across) * (0.97 + 0.03 * Math.sin(u * 3.1 + v * 2.3));
      for (let c = 0; c < 3; c++) rgb[o + c] = SKIN[c] * shade;
    }
  }
}

export { QUIET };
