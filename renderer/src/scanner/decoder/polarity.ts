import type { GreyImage } from './grey-image.js';

/** Share of the crop's width and height, at each side, taken as its ring. */
const RING = 0.08;

/**
 * Whether the code in a crop is light on a dark ground: a card printed that way, or a
 * phone in dark mode. A crop from locateCode keeps a margin around the code, so its ring
 * is quiet zone and the surface around: light for a printed code, dark for an inverted
 * one, while the code itself is about half dark modules whatever its polarity.
 */
export function looksInverted(crop: GreyImage): boolean {
  const { width, height, data } = crop;
  const rx = Math.max(1, Math.round(width * RING));
  const ry = Math.max(1, Math.round(height * RING));
  let ring = 0;
  let ringCount = 0;
  let inner = 0;
  let innerCount = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ry || y >= height - ry;
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x]!;
      if (edgeRow || x < rx || x >= width - rx) {
        ring += v;
        ringCount++;
      } else {
        inner += v;
        innerCount++;
      }
    }
  }
  if (ringCount === 0 || innerCount === 0) return false;
  return ring / ringCount < inner / innerCount;
}

/** The crop with light and dark swapped, so the reader sees dark modules on a light ground. */
export function invertGrey(image: GreyImage): GreyImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - image.data[i]!;
  return { width: image.width, height: image.height, data };
}
