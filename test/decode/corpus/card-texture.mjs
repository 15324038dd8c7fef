/**
 * Paints the printed surface a QR is read from — a gold card or a phone screen — as an
 * RGB reflectance raster in module units, with the wear a card gathers in a wallet:
 * faded ink, scratches through the laminate, dirt. Pure JS: runs in Node and browsers.
 */

const QUIET = 4;
const TEXELS_PER_MODULE = 8;

const GOLD = [0.86, 0.72, 0.4];
const PANEL = [0.95, 0.93, 0.86];
const INK = [0.07, 0.06, 0.06];
const SCREEN = [0.97, 0.97, 0.97];
const PHONE_BODY = [0.05, 0.05, 0.06];

/** Rectangle of the surface in module units, origin at the QR's top-left module. */
export function surfaceBounds(kind, n) {
  const block = n + 2 * QUIET;
  if (kind === 'phone') {
    return { u0: -QUIET - 0.2 * block, v0: -QUIET - 0.65 * block, u1: n + QUIET + 0.2 * block, v1: n + QUIET + 0.75 * block };
  }
  return { u0: -QUIET - 0.72 * block, v0: -QUIET - 0.05 * block, u1: n + QUIET + 0.06 * block, v1: n + QUIET + 0.05 * block };
}

/** Paints the surface; `wear` and `contrast` come from the frame's spec. */
export function paintSurface({ kind, modules, contrast, wear }, rng) {
  const n = modules.size;
  const b = surfaceBounds(kind, n);
  const r = TEXELS_PER_MODULE;
  const width = Math.ceil((b.u1 - b.u0) * r);
  const height = Math.ceil((b.v1 - b.v0) * r);
  const rgb = new Float32Array(width * height * 3);
  const paper = kind === 'phone' ? SCREEN : PANEL;
  const ink = INK.map((c, i) => paper[i] + (c - paper[i]) * contrast);
  const inkMask = new Float32Array(width * height);

  for (let ty = 0; ty < height; ty++) {
    const v = b.v0 + (ty + 0.5) / r;
    for (let tx = 0; tx < width; tx++) {
      const u = b.u0 + (tx + 0.5) / r;
      const o = (ty * width + tx) * 3;
      baseColour(kind, u, v, n, b, rgb, o);
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
  return { ...tex, rgb };
}

function baseColour(kind, u, v, n, b, rgb, o) {
  let colour = PANEL;
  let shade = 1;
  if (kind === 'phone') {
    const margin = 0.04 * (n + 2 * QUIET);
    const onScreen = u > b.u0 + margin && u < b.u1 - margin && v > b.v0 + 3 * margin && v < b.v1 - 3 * margin;
    colour = onScreen ? SCREEN : PHONE_BODY;
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

export { QUIET };
