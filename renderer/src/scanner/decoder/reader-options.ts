import type { ReaderOptions } from 'zxing-wasm/reader';
import type { PassKind } from './read-qr.js';

/**
 * How zxing-wasm is asked to look, per pass: the worker's options (qr-worker.ts), which the
 * decoder's tests and benchmark use too, so they measure the reader the counter runs.
 *
 * Only QR Code Model 2, the symbol the bureau prints a card's token in (card-files.ts). zxing-
 * wasm's 'QRCode' is the whole family: Model 1, Micro QR and rMQR as well, none of which holds
 * a signed token of several hundred characters (DESIGN.md §4). A Micro QR M1 is 11 × 11
 * modules holding five digits, and one can be found in the noise of a dim frame's re-drawn
 * grid: on a generated dim-counter frame the family read "28005" where the card was.
 */
const BASE: ReaderOptions = {
  formats: ['QRCodeModel2'],
  tryHarder: true,
  // Rotation by 90° is a linear-barcode aid: the QR detector is rotation-invariant already.
  tryRotate: false,
  // Card and phone codes are dark on light; looking for inverted ones doubles a miss's cost.
  tryInvert: false,
  maxNumberOfSymbols: 1,
};

export const READER_OPTIONS: Readonly<Record<PassKind, ReaderOptions>> = {
  frame: BASE,
  crop: { ...BASE, tryDownscale: false },
  'crop-denoise': { ...BASE, tryDownscale: false, tryDenoise: true },
  // A code module-grid.ts drew: sharp, upright, 3 px a module; the quick look finds it.
  drawn: { ...BASE, tryHarder: false, tryDownscale: false },
};
