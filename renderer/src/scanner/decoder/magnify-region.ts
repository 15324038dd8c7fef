import type { GreyImage } from './grey-image.js';
import type { Region } from './locate-code.js';

/**
 * Cuts `region` out of a grey frame and enlarges it `scale` times (bilinear). ZXing finds
 * finder patterns by run lengths, and at 2–3 px per module the runs break up under blur
 * and noise; the same modules at 4–6 px are found again.
 */
export function magnifyRegion(grey: GreyImage, region: Region, scale: number): GreyImage {
  const cw = region.x1 - region.x0;
  const ch = region.y1 - region.y0;
  const width = Math.max(1, Math.round(cw * scale));
  const height = Math.max(1, Math.round(ch * scale));
  const out = new Uint8Array(width * height);
  const src = grey.data;
  const stride = grey.width;
  const xs = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const sx = clamp((x + 0.5) / scale - 0.5, 0, cw - 1.001);
    xs[x] = Math.floor(sx);
    fxs[x] = sx - Math.floor(sx);
  }
  for (let y = 0; y < height; y++) {
    const sy = clamp((y + 0.5) / scale - 0.5, 0, ch - 1.001);
    const yi = Math.floor(sy);
    const fy = sy - yi;
    const row = (region.y0 + yi) * stride + region.x0;
    const next = yi + 1 < ch ? stride : 0;
    for (let x = 0; x < width; x++) {
      const o = row + xs[x]!;
      const fx = fxs[x]!;
      const right = xs[x]! + 1 < cw ? 1 : 0;
      const top = src[o]! + (src[o + right]! - src[o]!) * fx;
      const bottom = src[o + next]! + (src[o + next + right]! - src[o + next]!) * fx;
      out[y * width + x] = top + (bottom - top) * fy + 0.5;
    }
  }
  return { width, height, data: out };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
