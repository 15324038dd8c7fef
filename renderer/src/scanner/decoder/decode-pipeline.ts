import { cropGrey, enlarge } from './crop-enlarge.js';
import { toGrey, type GreyImage, type RgbaImage } from './grey-image.js';
import { locateRegions, type Region } from './locate-code.js';
import { invertGrey, looksInverted } from './polarity.js';
import { finderCrossings } from './finder-texture.js';
import { redrawnCodes } from './module-grid.js';
import { restoreContrast, smoothGrey } from './restore-contrast.js';

/** How a pass asks the reader to look: the whole frame, a crop (with closing: denoise), or a code we re-drew clean. */
export type PassKind = 'frame' | 'crop' | 'crop-denoise' | 'drawn';

/** Reads the first QR code in an image, or null; supplied by the worker (zxing-wasm). */
export type ReadQr = (image: RgbaImage, pass: PassKind) => Promise<string | null>;

/** Largest side of an enlarged crop: bounds the time a fallback pass can take. */
const MAX_CROP_SIDE = 760;
const MAX_SCALE = 2;
/** The last look: modules of 2 px (long tokens, foreshortened) become 6 px or more. */
const FINE_SCALE = 3.2;
const MAX_FINE_SIDE = 900;
/** Finder-like stacks (finder-texture.ts) a crop needs before it is given any look. */
const MIN_FINDERS = 1;

/** Fallback looks are spread over this many consecutive camera frames (see decodeFrame). */
export const FALLBACK_STAGES = 4;

/**
 * Decodes one camera frame. First the whole frame as it is; when that fails, the busiest
 * region is cut out and, if it holds anything stacked like a finder pattern (a frame
 * without a code almost never does: on both splits 23 of 26 such frames stop here and no
 * frame with a code does), enlarged and given more looks, in four stages:
 * 0. flipped first when its ring is darker than its middle (light modules on a dark
 *    ground); sharpened with its local contrast restored (blur, glare, faded ink);
 * 1. our own detector (module-grid.ts): the grid fitted through the finders, timing and
 *    alignment patterns, each module read over its area, the code re-drawn clean (on the
 *    flipped crop too for light modules on a dark ground);
 * 2. the sharpened look over the busy patches joined, when a glare band across a phone
 *    split the code's texture in two; the crop as it is with the reader's closing filter
 *    (scratches, specks);
 * 3. smoothed over 3×3 before the contrast is restored (a screen's moiré, JPEG blocks, gain
 *    noise); last, the crop as it is at 3.2×, for modules of about 2 px (the longest token,
 *    tilted and blurred): a second sampling rather than a cure.
 * With `stage` (0 … FALLBACK_STAGES − 1) only that stage's looks are given after the whole
 * frame: the camera worker gives consecutive frames consecutive stages, so no frame pays
 * for every look and a code that needs the last is read within four frames (133 ms at
 * 30 frames/s). Without it, every stage in turn (one still image).
 * The flip, the smoothing and the detector were chosen on the "tune" split of test/decode's
 * corpus only (inverted 0 → 23 of 24; the smoothing reads moiré frames the other passes
 * miss; the joined patches read 1 of the 2 phone-glare frames missed; the detector 10 more
 * frames, dark-counter 29 → 32 of 40); the figures are measured on the other split
 * (README, "The camera decoder").
 */
export async function decodeFrame(frame: RgbaImage, read: ReadQr, stage?: number): Promise<string | null> {
  const whole = await read(frame, 'frame');
  if (whole !== null) return whole;

  const grey = toGrey(frame);
  const regions = locateRegions(grey.data, grey.width, grey.height);
  if (!regions) return null;
  const crop = cropGrey(grey, regions.region);
  const restored = restoreContrast(crop, 1, 6);
  // Restoring contrast is linear, so the flipped crop restored is the restored crop flipped.
  let flipped = looksInverted(crop) ? invertGrey(restored) : null;
  let finders = finderCrossings(restored) + (flipped === null ? 0 : finderCrossings(flipped));
  if (finders === 0 && flipped === null) {
    // An inverted code at the frame's edge: the crop has no dark ring to go by, but its
    // finders show once flipped.
    const flip = invertGrey(restored);
    finders = finderCrossings(flip);
    if (finders > 0) flipped = flip;
  }
  // No finder-like stack anywhere in the crop (a counter, a notice, a dark screen): none
  // of the costlier looks below would find a code either, so a frame without one stops here.
  if (finders < MIN_FINDERS) return null;

  const look: Look = { grey, regions, crop, restored, flipped, scale: Math.min(MAX_SCALE, MAX_CROP_SIDE / Math.max(crop.width, crop.height)), smoothed: null };
  for (let k = 0; k < FALLBACK_STAGES; k++) {
    if (stage !== undefined && stage !== k) continue;
    const text = await STAGES[k]!(look, read);
    if (text !== null) return text;
  }
  return null;
}

/** What the fallback stages share for one frame. */
interface Look {
  grey: GreyImage;
  regions: { region: Region; joined: Region | null };
  crop: GreyImage;
  restored: GreyImage;
  flipped: GreyImage | null;
  scale: number;
  /** The crop smoothed 3×3, contrast restored: made once, by the first stage that needs it. */
  smoothed: GreyImage | null;
}

function smoothedOf(look: Look): GreyImage {
  look.smoothed ??= restoreContrast(smoothGrey(look.crop, 1), 1, 8);
  return look.smoothed;
}

const STAGES: ReadonlyArray<(look: Look, read: ReadQr) => Promise<string | null>> = [
  async ({ restored, flipped, scale }, read) => {
    // Light modules on a dark ground (a dark-mode phone, a card printed so), flipped. A dark
    // ring also surrounds a phone's black bezel or a card on a dark counter, so the crop
    // as it is gets its own look after this one.
    if (flipped !== null) {
      const text = await read(enlarge(flipped, scale), 'crop');
      if (text !== null) return text;
    }
    return read(enlarge(restored, scale), 'crop');
  },
  async (look, read) => {
    // Our own detector: the grid fitted through the finders and alignment patterns, each
    // module read over its area, the code re-drawn clean for the reader.
    for (const code of redrawnCodes([look.restored, smoothedOf(look)], look.crop)) {
      const text = await read(code, 'drawn');
      if (text !== null) return text;
    }
    // Light modules on a dark ground: the detector looks for dark finders, so it is given
    // the crop flipped (restoring contrast is linear: the flipped restored crops are the
    // restored crops flipped).
    if (look.flipped !== null) {
      for (const code of redrawnCodes([look.flipped, invertGrey(smoothedOf(look))], invertGrey(look.crop))) {
        const text = await read(code, 'drawn');
        if (text !== null) return text;
      }
    }
    return null;
  },
  async ({ grey, regions, crop, scale }, read) => {
    // A glare band across a phone splits the code's texture: the patches beside it, joined.
    if (regions.joined !== null) {
      const whole = cropGrey(grey, regions.joined);
      const wholeScale = Math.min(MAX_SCALE, MAX_CROP_SIDE / Math.max(whole.width, whole.height));
      const text = await read(enlarge(restoreContrast(whole, 1, 6), wholeScale), 'crop');
      if (text !== null) return text;
    }
    return read(enlarge(crop, scale), 'crop-denoise');
  },
  async (look, read) => {
    // A screen's pixel grid beating with the camera's (moiré), JPEG blocks, gain noise in a
    // dim room: all finer than a module. Smoothed first, they no longer break the runs.
    const smoothed = await read(enlarge(smoothedOf(look), look.scale), 'crop');
    if (smoothed !== null) return smoothed;
    const { crop, scale } = look;
    const fine = Math.min(FINE_SCALE, MAX_FINE_SIDE / Math.max(crop.width, crop.height));
    return fine > scale ? read(enlarge(crop, fine), 'crop') : null;
  },
];
