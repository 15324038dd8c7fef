import type { RgbaImage } from './grey-image.js';

/** How a pass asks the reader to look: the whole frame, a crop (with closing: denoise), or a code we re-drew clean. */
export type PassKind = 'frame' | 'crop' | 'crop-denoise' | 'drawn';

/** Reads the first QR code in an image, or null; supplied by the worker (zxing-wasm). */
export type ReadQr = (image: RgbaImage, pass: PassKind) => Promise<string | null>;
