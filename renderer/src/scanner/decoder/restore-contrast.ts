import type { GreyImage } from './grey-image.js';

/**
 * Sharpens (unsharp mask) and then normalises local contrast, for a magnified crop: the
 * mask undoes some of the defocus, and the normalisation lifts modules out of a washed-out
 * highlight or faded ink, where one global threshold sees only grey.
 */
export function restoreContrast(image: GreyImage, sharpenRadius: number, windowRadius: number): GreyImage {
  const { width, height } = image;
  const src = Float32Array.from(image.data);
  const blurred = boxBlur(src, width, height, sharpenRadius);
  const sharp = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) sharp[i] = 2 * src[i]! - blurred[i]!;

  const mean = boxBlur(sharp, width, height, windowRadius);
  const deviation = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) deviation[i] = (sharp[i]! - mean[i]!) ** 2;
  const variance = boxBlur(deviation, width, height, windowRadius);
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = 128 + (64 * (sharp[i]! - mean[i]!)) / Math.sqrt(variance[i]! + 16);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width, height, data: out };
}

/** Mean over a (2r+1)² window, by running sums along rows then columns (edges clamped). */
function boxBlur(src: Float32Array, width: number, height: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = -r; x <= r; x++) sum += src[row + clampIndex(x, width)]!;
    for (let x = 0; x < width; x++) {
      tmp[row + x] = sum / n;
      sum += src[row + clampIndex(x + r + 1, width)]! - src[row + clampIndex(x - r, width)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) sum += tmp[clampIndex(y, height) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = sum / n;
      sum += tmp[clampIndex(y + r + 1, height) * width + x]! - tmp[clampIndex(y - r, height) * width + x]!;
    }
  }
  return out;
}

function clampIndex(i: number, size: number): number {
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}
