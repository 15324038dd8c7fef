import type { GreyImage, RgbaImage } from './grey-image.js';
import type { Region } from './locate-code.js';

/** Copies `region` out of a grey frame. */
export function cropGrey(grey: GreyImage, region: Region): GreyImage {
  const width = region.x1 - region.x0;
  const height = region.y1 - region.y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = (region.y0 + y) * grey.width + region.x0;
    data.set(grey.data.subarray(start, start + width), y * width);
  }
  return { width, height, data };
}

/**
 * Enlarges a grey image `scale` times (bilinear), as RGBA for the reader. ZXing finds
 * finder patterns by run lengths, and at 2–3 px per module the runs break up under blur
 * and noise; the same modules at 4–6 px are found again.
 */
export function enlarge(image: GreyImage, scale: number): RgbaImage {
  const { width: sw, height: sh, data: src } = image;
  const width = Math.max(1, Math.round(sw * scale));
  const height = Math.max(1, Math.round(sh * scale));
  const out = new Uint8ClampedArray(width * height * 4);
  // One 32-bit store per pixel (grey in R, G and B, opaque alpha; every browser is little-endian).
  const words = new Uint32Array(out.buffer);
  const xs = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const sx = clamp((x + 0.5) / scale - 0.5, 0, sw - 1);
    xs[x] = Math.min(Math.floor(sx), Math.max(0, sw - 2));
    fxs[x] = sx - xs[x]!;
  }
  const right = sw > 1 ? 1 : 0;
  for (let y = 0; y < height; y++) {
    const sy = clamp((y + 0.5) / scale - 0.5, 0, sh - 1);
    const yi = Math.min(Math.floor(sy), Math.max(0, sh - 2));
    const fy = sy - yi;
    const row = yi * sw;
    const down = sh > 1 ? sw : 0;
    let o = y * width;
    for (let x = 0; x < width; x++, o++) {
      const i = row + xs[x]!;
      const fx = fxs[x]!;
      const top = src[i]! + (src[i + right]! - src[i]!) * fx;
      const bottom = src[i + down]! + (src[i + down + right]! - src[i + down]!) * fx;
      const v = (top + (bottom - top) * fy + 0.5) | 0;
      words[o] = (0xff000000 | (v << 16) | (v << 8) | v) >>> 0;
    }
  }
  return { width, height, data: out };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
