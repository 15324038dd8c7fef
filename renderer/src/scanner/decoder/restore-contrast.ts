import type { GreyImage } from './grey-image.js';

/**
 * Sharpens (unsharp mask) and then normalises local contrast, for a magnified crop: the
 * mask undoes some of the defocus, and the normalisation lifts modules out of a washed-out
 * highlight or faded ink, where one global threshold sees only grey.
 */
export function restoreContrast(image: GreyImage, sharpenRadius: number, windowRadius: number): GreyImage {
  const { width, height, data } = image;
  const n = width * height;
  const pixels = Float32Array.from(data);
  const local = boxMeans(integral(pixels, width, height, 1), width, height, sharpenRadius);
  const sharp = new Float32Array(n);
  for (let i = 0; i < n; i++) sharp[i] = 2 * pixels[i]! - local[i]!;

  const mean = boxMeans(integral(sharp, width, height, 1), width, height, windowRadius);
  const meanSquare = boxMeans(integral(sharp, width, height, 2), width, height, windowRadius);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const m = mean[i]!;
    const variance = Math.max(0, meanSquare[i]! - m * m);
    const v = 128 + (64 * (sharp[i]! - m)) / Math.sqrt(variance + 16);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width, height, data: out };
}

/** Box-filters a grey image over (2r+1)² windows: takes out a screen's moiré and JPEG blocks. */
export function smoothGrey(image: GreyImage, radius: number): GreyImage {
  const { width, height, data } = image;
  const means = boxMeans(integral(Float32Array.from(data), width, height, 1), width, height, radius);
  // A plain loop: Uint8Array.from with a map function is several times slower per frame.
  const out = new Uint8Array(means.length);
  for (let i = 0; i < out.length; i++) out[i] = means[i]! + 0.5;
  return { width, height, data: out };
}

/** Summed-area table of src (power 1) or of its squares (power 2), with a zero first row and column. */
function integral(src: Float32Array, width: number, height: number, power: 1 | 2): Float64Array {
  const stride = width + 1;
  const table = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    const s = y * width;
    const t = (y + 1) * stride;
    for (let x = 0; x < width; x++) {
      const v = src[s + x]!;
      row += power === 2 ? v * v : v;
      table[t + x + 1] = table[t - stride + x + 1]! + row;
    }
  }
  return table;
}

/** Mean over the (2r+1)² window around each pixel, the window cut at the image's edges. */
function boxMeans(table: Float64Array, width: number, height: number, r: number): Float32Array {
  const stride = width + 1;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(height, y + r + 1);
    const top = y0 * stride;
    const bottom = y1 * stride;
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(width, x + r + 1);
      const sum = table[bottom + x1]! - table[bottom + x0]! - table[top + x1]! + table[top + x0]!;
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
