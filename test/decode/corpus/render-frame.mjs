/**
 * Renders one camera frame (640×480 unless the spec says 1280×720) of a QR on a card or
 * phone, as a webcam at a counter would see it: a pinhole camera looking at a tilted,
 * rotated surface on a desk, lit by a lamp that leaves a specular highlight; a phone
 * screen's pixel grid sampled by the camera (moiré) and the light its glass mirrors; then
 * defocus and motion blur, sensor noise and the webcam's JPEG compression. Deterministic
 * for a given spec. Pure JS: runs in Node and browsers.
 */
import jpeg from 'jpeg-js';
import { makeRng } from './prng.mjs';
import { paintSurface, sampleSurface, screenMask, screenReflection, QUIET } from './card-texture.mjs';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
/** Focal length as a share of the frame's width: a ~60° webcam (560 px at 640). */
const FOCAL_PER_WIDTH = 0.875;
const SUPERSAMPLE = [0.25, 0.75];

/** Renders `spec` (see corpus-spec.mjs) with `modules` (the QR matrix, or null for a frame without a code). */
export function renderFrame(spec, modules) {
  const { rng, n, w, h, surface, pose, scene, light } = setUpScene(spec, modules);

  const gridPass = screenGridPass(spec, pose.size / n);
  const img = new Float32Array(w * h * 3);
  const albedo = [0, 0, 0];
  const ground = [0, 0, 0];
  const grid = [1, 1, 1];
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
            if (surface.screen !== null && screenMask(surface, uv[0], uv[1], grid, gridPass)) {
              albedo[0] *= grid[0];
              albedo[1] *= grid[1];
              albedo[2] *= grid[2];
            }
            const mirrored = surface.screen !== null ? screenReflection(surface, uv[0], uv[1]) : 0;
            r += albedo[0] * lit + glare + mirrored;
            g += albedo[1] * lit * 0.97 + glare + mirrored;
            b += albedo[2] * lit * 0.9 + glare * 0.95 + mirrored;
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
  if (spec.motionPx > 0 && spec.motionLine) lineBlur(img, w, h, spec.motionPx, spec.motionAngleDeg);
  else if (spec.motionPx > 0) motionBlur(img, w, h, spec.motionPx, spec.motionAngleDeg);

  if (spec.bayer) bayer(img, w, h);
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0, o = 0; i < w * h; i++, o += 4) {
    const luma = rng.normal() * spec.noiseSigma * 0.85;
    for (let c = 0; c < 3; c++) {
      const chroma = rng.normal() * spec.noiseSigma * 0.45;
      data[o + c] = Math.round(img[i * 3 + c] * 255 + luma + chroma);
    }
    data[o + 3] = 255;
  }
  const out = spec.jpegQuality ? jpegRoundTrip(data, w, h, spec.jpegQuality) : data;
  return { width: w, height: h, data: out, geometry: pose.geometry };
}

/** The surface, its pose, the counter and the light of a frame, drawn from its seed in a fixed order. */
function setUpScene(spec, modules) {
  const rng = makeRng(spec.seed);
  const n = modules ? modules.size : 73;
  const blank = { size: n, data: new Uint8Array(n * n) };
  const w = spec.frameWidth ?? FRAME_WIDTH;
  const h = spec.frameHeight ?? FRAME_HEIGHT;
  const surface = paintSurface(
    { kind: spec.kind, modules: modules ?? blank, contrast: spec.contrast, wear: spec.wear, invert: spec.invert, screen: spec.screen, finger: modules ? spec.finger : null },
    rng,
  );
  const pose = placeSurface(spec, n, rng, w, h);
  const scene = makeBackground(rng, w, h);
  const light = makeLighting(spec, pose, rng, w, h);
  return { rng, n, w, h, surface, pose, scene, light };
}

/**
 * The modules of an `n`-module symbol that a frame's light saturates (1 = saturated): at
 * the module's centre, its darkest ink under the lamp plus the lamp's highlight and the
 * light the glass mirrors reaches the sensor's full scale, so the module records as white
 * whatever was printed there. Computed from the same scene renderFrame draws (same seed);
 * independent of the decoder. Used by corpus-spec.mjs to keep glare within what error
 * correction recovers.
 */
export function saturatedModules(spec, n) {
  const { surface, pose, light } = setUpScene(spec, { size: n, data: new Uint8Array(n * n) });
  const inkLuma = 0.299 * surface.ink[0] + 0.587 * surface.ink[1] * 0.97 + 0.114 * surface.ink[2] * 0.9;
  const out = new Uint8Array(n * n);
  const at = [0, 0];
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      pose.toImage(u + 0.5, v + 0.5, at);
      const mirrored = surface.screen !== null ? screenReflection(surface, u + 0.5, v + 0.5) : 0;
      const dark = inkLuma * light.illumination(at[0], at[1]) + light.glare(at[0], at[1]) + mirrored;
      if (dark >= 1) out[v * n + u] = 1;
    }
  }
  return out;
}

/**
 * How much of a screen's pixel grid reaches the sensor: each sensor pixel integrates the
 * optical image over its area (a box), so each periodic pattern keeps |sinc| of its
 * frequency in cycles per pixel; the 2×2 samples of a pixel cannot do that for patterns
 * finer than half a pixel, and would alias the whole grid into speckle. What is left beats
 * with the sampling grid (and, for "phone-moire", with the Bayer mosaic): that is moiré.
 */
function screenGridPass(spec, modulePx) {
  if (!spec.screen) return { stripes: 1, rows: 1 };
  const screenPx = modulePx / spec.screen.pixelsPerModule;
  return { stripes: Math.abs(sinc(3 / screenPx)), rows: Math.abs(sinc(1 / screenPx)) };
}

/**
 * A webcam's colour sensor: one channel per pixel in an RGGB mosaic, the other two
 * interpolated from the neighbours (bilinear demosaicing). A screen's RGB stripes beat
 * with the mosaic into the coloured bands a phone shows to a webcam.
 */
function bayer(img, w, h) {
  const src = img.slice();
  const has = (x, y, c) => (c === 1 ? (x + y) % 2 === 1 : c === 0 ? x % 2 === 0 && y % 2 === 0 : x % 2 === 1 && y % 2 === 1);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        if (has(x, y, c)) continue;
        let sum = 0;
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            const yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= w || yy >= h || !has(xx, yy, c)) continue;
            sum += src[(yy * w + xx) * 3 + c];
            count++;
          }
        }
        img[(y * w + x) * 3 + c] = count > 0 ? sum / count : 0;
      }
    }
  }
}

function sinc(x) {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/** What the webcam's MJPEG stream does to a frame: encoded at `quality`, decoded again. */
function jpegRoundTrip(data, w, h, quality) {
  const encoded = jpeg.encode({ width: w, height: h, data }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
}

/** Places the surface in 3-D: QR centre at depth z, rotated in plane, then tilted about an axis. */
function placeSurface(spec, n, rng, fw, fh) {
  const focal = FOCAL_PER_WIDTH * fw;
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
    const z = (focal * n) / size;
    const half = n / 2;
    const cx = fw / 2 + rng.range(-0.35, 0.35) * (fw - size);
    const cy = fh / 2 + rng.range(-0.35, 0.35) * (fh - size);
    const centre = [((cx - fw / 2) * z) / focal, ((cy - fh / 2) * z) / focal, z];
    const project = (u, v) => {
      const p = [0, 1, 2].map((i) => centre[i] + (u - half) * eu[i] + (v - half) * ev[i]);
      return [fw / 2 + (focal * p[0]) / p[2], fh / 2 + (focal * p[1]) / p[2]];
    };
    const q = QUIET / 2;
    const outer = [project(-q, -q), project(n + q, -q), project(n + q, n + q), project(-q, n + q)];
    const inside = outer.every(([x, y]) => x >= 2 && y >= 2 && x <= fw - 2 && y <= fh - 2);
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
        const dx = (px - fw / 2) / focal;
        const dy = (py - fh / 2) / focal;
        const t = nDotC / (normal[0] * dx + normal[1] * dy + normal[2]);
        const rx = t * dx - centre[0];
        const ry = t * dy - centre[1];
        const rz = t - centre[2];
        out[0] = rx * eu[0] + ry * eu[1] + rz * eu[2] + half;
        out[1] = rx * ev[0] + ry * ev[1] + rz * ev[2] + half;
      },
      toImage(u, v, out) {
        const [x, y] = project(u, v);
        out[0] = x;
        out[1] = y;
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

function makeLighting(spec, pose, rng, fw, fh) {
  const k = fw / 640;
  const lampX = rng.range(0, fw);
  const lampY = rng.range(-100 * k, fh / 2);
  const emissive = spec.kind === 'phone' ? 0.35 : 0;
  const g = spec.glare;
  const gx = g ? pose.centre[0] + g.dx * pose.size : 0;
  const gy = g ? pose.centre[1] + g.dy * pose.size : 0;
  const gs = g ? g.radius * pose.size : 1;
  return {
    illumination(x, y) {
      const lamp = Math.exp(-((x - lampX) ** 2 + (y - lampY) ** 2) / (2 * (380 * k) ** 2));
      const vignette = 1 - 0.28 * (((x - fw / 2) / (400 * k)) ** 2 + ((y - fh / 2) / (400 * k)) ** 2);
      return spec.exposure * ((0.72 + 0.28 * lamp) * vignette * (1 - emissive) + emissive);
    },
    glare(x, y) {
      if (!g) return 0;
      return g.peak * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * gs * gs));
    },
  };
}

/** A wooden counter with a couple of printed notices lying on it. */
function makeBackground(rng, fw, fh) {
  const k = fw / 640;
  const base = rng.pick([
    [0.46, 0.33, 0.22],
    [0.62, 0.6, 0.56],
    [0.3, 0.3, 0.32],
  ]);
  const notices = Array.from({ length: rng.int(1, 3) }, () => ({
    x0: rng.range(-100 * k, fw - 50 * k),
    y0: rng.range(-100 * k, fh - 50 * k),
    w: rng.range(120, 260) * k,
    h: rng.range(150, 300) * k,
    pitch: rng.range(9, 16) * k,
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
    const grain = 0.88 + 0.07 * Math.sin((0.021 * y + 0.9 * Math.sin((0.013 * x) / k + phase)) / k) + 0.05 * Math.sin((0.29 * y + 0.05 * x) / k);
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

/** A moving hand: the frame averaged along a straight streak of `length` px (bilinear taps). */
function lineBlur(img, w, h, length, angleDeg) {
  const a = (angleDeg * Math.PI) / 180;
  const taps = Math.max(2, Math.ceil(length * 2) + 1);
  const src = img.slice();
  const offsets = Array.from({ length: taps }, (_, i) => (i / (taps - 1) - 0.5) * length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const t of offsets) {
        const sx = Math.min(w - 1.001, Math.max(0, x + t * Math.cos(a)));
        const sy = Math.min(h - 1.001, Math.max(0, y + t * Math.sin(a)));
        const xi = Math.floor(sx);
        const yi = Math.floor(sy);
        const fx = sx - xi;
        const fy = sy - yi;
        const o00 = (yi * w + xi) * 3;
        const o01 = o00 + w * 3;
        for (let c = 0; c < 3; c++) {
          const v = (src[o00 + c] * (1 - fx) + src[o00 + 3 + c] * fx) * (1 - fy) + (src[o01 + c] * (1 - fx) + src[o01 + 3 + c] * fx) * fy;
          if (c === 0) r += v;
          else if (c === 1) g += v;
          else b += v;
        }
      }
      const o = (y * w + x) * 3;
      img[o] = r / taps;
      img[o + 1] = g / taps;
      img[o + 2] = b / taps;
    }
  }
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
