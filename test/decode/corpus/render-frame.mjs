/**
 * Renders one 640×480 camera frame of a QR on a card or phone, as a webcam at a counter
 * would see it: a pinhole camera looking at a tilted, rotated surface on a desk, lit by a
 * lamp that leaves a specular highlight, then defocus blur and sensor noise. Deterministic
 * for a given spec. Pure JS: runs in Node and browsers.
 */
import { makeRng } from './prng.mjs';
import { paintSurface, sampleSurface, QUIET } from './card-texture.mjs';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
const FOCAL = 560; // px: a ~60° webcam
const SUPERSAMPLE = [0.25, 0.75];

/** Renders `spec` (see corpus-spec.mjs) with `modules` (the QR matrix, or null for a frame without a code). */
export function renderFrame(spec, modules) {
  const rng = makeRng(spec.seed);
  const n = modules ? modules.size : 73;
  const blank = { size: n, data: new Uint8Array(n * n) };
  const surface = paintSurface({ kind: spec.kind, modules: modules ?? blank, contrast: spec.contrast, wear: spec.wear }, rng);
  const pose = placeSurface(spec, n, rng);
  const scene = makeBackground(rng);
  const light = makeLighting(spec, pose, rng);

  const w = FRAME_WIDTH;
  const h = FRAME_HEIGHT;
  const img = new Float32Array(w * h * 3);
  const albedo = [0, 0, 0];
  const ground = [0, 0, 0];
  const uv = [0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Light varies slowly across a pixel: evaluate it once, at the centre.
      const lit = light.illumination(x + 0.5, y + 0.5);
      const glare = light.glare(x + 0.5, y + 0.5);
      let groundDone = false;
      let r = 0;
      let g = 0;
      let b = 0;
      for (const sy of SUPERSAMPLE) {
        for (const sx of SUPERSAMPLE) {
          pose.toSurface(x + sx, y + sy, uv);
          if (sampleSurface(surface, uv[0], uv[1], albedo)) {
            r += albedo[0] * lit + glare;
            g += albedo[1] * lit * 0.97 + glare;
            b += albedo[2] * lit * 0.9 + glare * 0.95;
          } else {
            if (!groundDone) {
              scene(x + 0.5, y + 0.5, ground);
              groundDone = true;
            }
            r += ground[0] * lit;
            g += ground[1] * lit * 0.97;
            b += ground[2] * lit * 0.9;
          }
        }
      }
      const o = (y * w + x) * 3;
      img[o] = r / 4;
      img[o + 1] = g / 4;
      img[o + 2] = b / 4;
    }
  }
  // The highlight saturates the sensor before the lens blurs it.
  for (let i = 0; i < img.length; i++) img[i] = Math.min(1, img[i]);
  if (spec.blurSigma > 0) gaussianBlur(img, w, h, spec.blurSigma);
  if (spec.motionPx > 0) motionBlur(img, w, h, spec.motionPx, spec.motionAngleDeg);

  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0, o = 0; i < w * h; i++, o += 4) {
    const luma = rng.normal() * spec.noiseSigma * 0.85;
    for (let c = 0; c < 3; c++) {
      const chroma = rng.normal() * spec.noiseSigma * 0.45;
      data[o + c] = Math.round(img[i * 3 + c] * 255 + luma + chroma);
    }
    data[o + 3] = 255;
  }
  return { width: w, height: h, data, geometry: pose.geometry };
}

/** Places the surface in 3-D: QR centre at depth z, rotated in plane, then tilted about an axis. */
function placeSurface(spec, n, rng) {
  const rot = (spec.rotationDeg * Math.PI) / 180;
  const tilt = (spec.tiltDeg * Math.PI) / 180;
  const axis = (spec.tiltAxisDeg * Math.PI) / 180;
  // Unit axes of the surface (u right, v down) after in-plane rotation and tilt.
  const rz = (vx, vy) => [vx * Math.cos(rot) - vy * Math.sin(rot), vx * Math.sin(rot) + vy * Math.cos(rot), 0];
  const ax = [Math.cos(axis), Math.sin(axis), 0];
  const tiltAbout = (p) => rodrigues(p, ax, tilt);
  const eu = tiltAbout(rz(1, 0));
  const ev = tiltAbout(rz(0, 1));
  const normal = cross(eu, ev);
  let size = spec.sizePx;

  for (let attempt = 0; attempt < 200; attempt++) {
    const z = (FOCAL * n) / size;
    const half = n / 2;
    const cx = FRAME_WIDTH / 2 + rng.range(-0.35, 0.35) * (FRAME_WIDTH - size);
    const cy = FRAME_HEIGHT / 2 + rng.range(-0.35, 0.35) * (FRAME_HEIGHT - size);
    const centre = [((cx - FRAME_WIDTH / 2) * z) / FOCAL, ((cy - FRAME_HEIGHT / 2) * z) / FOCAL, z];
    const project = (u, v) => {
      const p = [0, 1, 2].map((i) => centre[i] + (u - half) * eu[i] + (v - half) * ev[i]);
      return [FRAME_WIDTH / 2 + (FOCAL * p[0]) / p[2], FRAME_HEIGHT / 2 + (FOCAL * p[1]) / p[2]];
    };
    const q = QUIET / 2;
    const outer = [project(-q, -q), project(n + q, -q), project(n + q, n + q), project(-q, n + q)];
    const inside = outer.every(([x, y]) => x >= 2 && y >= 2 && x <= FRAME_WIDTH - 2 && y <= FRAME_HEIGHT - 2);
    if (!inside) {
      if (attempt % 20 === 19) size *= 0.95;
      continue;
    }
    const corners = [project(0, 0), project(n, 0), project(n, n), project(0, n)];
    const sides = corners.map((c, i) => Math.hypot(c[0] - corners[(i + 1) % 4][0], c[1] - corners[(i + 1) % 4][1]));
    const nDotC = dot(normal, centre);
    return {
      toSurface(px, py, out) {
        // Intersect the pixel's ray with the surface plane, then express the hit in module units.
        const dx = (px - FRAME_WIDTH / 2) / FOCAL;
        const dy = (py - FRAME_HEIGHT / 2) / FOCAL;
        const t = nDotC / (normal[0] * dx + normal[1] * dy + normal[2]);
        const rx = t * dx - centre[0];
        const ry = t * dy - centre[1];
        const rz = t - centre[2];
        out[0] = rx * eu[0] + ry * eu[1] + rz * eu[2] + half;
        out[1] = rx * ev[0] + ry * ev[1] + rz * ev[2] + half;
      },
      centre: [cx, cy],
      size,
      geometry: {
        corners: corners.map(([x, y]) => [round1(x), round1(y)]),
        meanSidePx: round1(sides.reduce((a, s) => a + s, 0) / 4),
        minModulePx: Math.round((Math.min(...sides) / n) * 100) / 100,
      },
    };
  }
  throw new Error(`cannot place a ${spec.sizePx}px QR in the frame (${spec.id})`);
}

function makeLighting(spec, pose, rng) {
  const lampX = rng.range(0, FRAME_WIDTH);
  const lampY = rng.range(-100, FRAME_HEIGHT / 2);
  const emissive = spec.kind === 'phone' ? 0.35 : 0;
  const g = spec.glare;
  const gx = g ? pose.centre[0] + g.dx * pose.size : 0;
  const gy = g ? pose.centre[1] + g.dy * pose.size : 0;
  const gs = g ? g.radius * pose.size : 1;
  return {
    illumination(x, y) {
      const lamp = Math.exp(-((x - lampX) ** 2 + (y - lampY) ** 2) / (2 * 380 ** 2));
      const vignette = 1 - 0.28 * (((x - FRAME_WIDTH / 2) / 400) ** 2 + ((y - FRAME_HEIGHT / 2) / 400) ** 2);
      return spec.exposure * ((0.72 + 0.28 * lamp) * vignette * (1 - emissive) + emissive);
    },
    glare(x, y) {
      if (!g) return 0;
      return g.peak * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * gs * gs));
    },
  };
}

/** A wooden counter with a couple of printed notices lying on it. */
function makeBackground(rng) {
  const base = rng.pick([
    [0.46, 0.33, 0.22],
    [0.62, 0.6, 0.56],
    [0.3, 0.3, 0.32],
  ]);
  const notices = Array.from({ length: rng.int(1, 3) }, () => ({
    x0: rng.range(-100, FRAME_WIDTH - 50),
    y0: rng.range(-100, FRAME_HEIGHT - 50),
    w: rng.range(120, 260),
    h: rng.range(150, 300),
    pitch: rng.range(9, 16),
  }));
  const phase = rng.range(0, 100);
  return (x, y, out) => {
    for (const n of notices) {
      const lx = x - n.x0;
      const ly = y - n.y0;
      if (lx >= 0 && ly >= 0 && lx < n.w && ly < n.h) {
        const line = ly / n.pitch;
        const ink = lx > 12 && lx < n.w - 12 && line % 1 < 0.35 && Math.floor(lx / 7) % 5 !== 4;
        out[0] = out[1] = out[2] = ink ? 0.15 : 0.9;
        return;
      }
    }
    const grain = 0.88 + 0.07 * Math.sin(0.021 * y + 0.9 * Math.sin(0.013 * x + phase)) + 0.05 * Math.sin(0.29 * y + 0.05 * x);
    out[0] = base[0] * grain;
    out[1] = base[1] * grain;
    out[2] = base[2] * grain;
  };
}

function gaussianBlur(img, w, h, sigma) {
  const radius = Math.ceil(sigma * 3);
  const kernel = [];
  for (let i = -radius; i <= radius; i++) kernel.push(Math.exp(-(i * i) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, k) => a + k, 0);
  const k = kernel.map((v) => v / sum);
  convolve(img, w, h, k, radius, 1, 0);
  convolve(img, w, h, k, radius, 0, 1);
}

function motionBlur(img, w, h, length, angleDeg) {
  // A short hand-shake streak, approximated by box blurs along each axis.
  const a = (angleDeg * Math.PI) / 180;
  const along = (len) => {
    const radius = Math.max(0, Math.round(len / 2));
    return { radius, k: Array.from({ length: 2 * radius + 1 }, () => 1 / (2 * radius + 1)) };
  };
  const hx = along(Math.abs(length * Math.cos(a)));
  const hy = along(Math.abs(length * Math.sin(a)));
  if (hx.radius > 0) convolve(img, w, h, hx.k, hx.radius, 1, 0);
  if (hy.radius > 0) convolve(img, w, h, hy.k, hy.radius, 0, 1);
}

function convolve(img, w, h, k, radius, dx, dy) {
  const src = img.slice();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = -radius; i <= radius; i++) {
        const sx = Math.min(w - 1, Math.max(0, x + i * dx));
        const sy = Math.min(h - 1, Math.max(0, y + i * dy));
        const o = (sy * w + sx) * 3;
        const kv = k[i + radius];
        r += src[o] * kv;
        g += src[o + 1] * kv;
        b += src[o + 2] * kv;
      }
      const o = (y * w + x) * 3;
      img[o] = r;
      img[o + 1] = g;
      img[o + 2] = b;
    }
  }
}

function rodrigues(v, k, angle) {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const kxv = cross(k, v);
  const kdv = dot(k, v);
  return [0, 1, 2].map((i) => v[i] * c + kxv[i] * s + k[i] * kdv * (1 - c));
}

function cross(a, b) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a, b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function round1(x) {
  return Math.round(x * 10) / 10;
}
