import { toGrey, toRgba, type RgbaImage } from './grey-image.js';
import { locateCode } from './locate-code.js';
import { magnifyRegion } from './magnify-region.js';
import { restoreContrast } from './restore-contrast.js';

/** How a pass asks the reader to look: the whole frame, or a crop with closing (denoise). */
export type PassKind = 'frame' | 'crop' | 'crop-denoise';

/** Reads the first QR code in an image, or null; supplied by the worker (zxing-wasm). */
export type ReadQr = (image: RgbaImage, pass: PassKind) => Promise<string | null>;

/** Largest side of a magnified crop: bounds the time a fallback pass can take. */
const MAX_CROP_SIDE = 760;
const MAX_SCALE = 2;

/**
 * Decodes one camera frame. First the whole frame as it is, which reads nearly every
 * frame; when that fails, the busiest region is cut out, enlarged and given two more
 * looks: sharpened with its local contrast restored (blur, glare, faded ink), then as it
 * is with the reader's closing filter (scratches). Each fallback is there because it
 * decoded frames of the corpus (test/decode) that the pass before it missed.
 */
export async function decodeFrame(frame: RgbaImage, read: ReadQr): Promise<string | null> {
  const whole = await read(frame, 'frame');
  if (whole !== null) return whole;

  const grey = toGrey(frame);
  const region = locateCode(grey.data, grey.width, grey.height);
  if (!region) return null;
  const side = Math.max(region.x1 - region.x0, region.y1 - region.y0);
  const scale = Math.min(MAX_SCALE, MAX_CROP_SIDE / side);
  const crop = magnifyRegion(grey, region, scale);

  const restored = await read(toRgba(restoreContrast(crop, 3, 12)), 'crop');
  if (restored !== null) return restored;
  return read(toRgba(crop), 'crop-denoise');
}
