import { cropGrey, enlarge } from './crop-enlarge.js';
import { toGrey, type GreyImage, type RgbaImage } from './grey-image.js';
import { locateRegions, type Region } from './locate-code.js';
import { invertGrey, looksInverted } from './polarity.js';
import { finderCrossings, smoothedFinders } from './finder-texture.js';
import { redrawnCodeSteps } from './module-grid.js';
import { readPastBand } from './band-crop.js';
import { restoreContrast, smoothGrey } from './restore-contrast.js';

import type { ReadQr } from './read-qr.js';

export type { PassKind, ReadQr } from './read-qr.js';

/** Largest side of an enlarged crop: bounds the time a fallback pass can take. */
const MAX_CROP_SIDE = 760;
const MAX_SCALE = 2;
/** The last look: modules of 2 px (long tokens, foreshortened) become 6 px or more. */
const FINE_SCALE = 3.2;
const MAX_FINE_SIDE = 900;
/** Finder-like stacks (finder-texture.ts) a crop needs before it is given any look. */
const MIN_FINDERS = 1;

/**
 * Decodes one still image: the whole image as it is, then every fallback look in turn
 * until one reads (see fallbackLooks). A camera's consecutive frames go through
 * CameraDecoder (camera-decoder.ts) instead, which spreads those looks over them.
 */
export async function decodeFrame(frame: RgbaImage, read: ReadQr): Promise<string | null> {
  const whole = await read(frame, 'frame');
  if (whole !== null) return whole;
  const look = lookOf(frame);
  if (look === null) return null;
  const session = fallbackLooks(look, read);
  for (;;) {
    const step = await session.next();
    if (step.done === true) return step.value;
  }
}

/** A session's end when its frame's crop held no finder-like stack (no look was given). */
export const NO_FINDERS = Symbol('no finder-like stack');

export type SessionLooks = AsyncGenerator<void, string | null | typeof NO_FINDERS, void>;

/** A session's looks: its frame's crop examined for finder-like stacks (a pause after the costly part), then the stages. */
export async function* sessionLooks(quick: Quick, read: ReadQr): SessionLooks {
  const partial = findersLook(quick);
  yield;
  const look = lookFrom(partial);
  if (look === null) return NO_FINDERS;
  return yield* fallbackLooks(look, read);
}

/**
 * A frame's fallback looks, resumable: it pauses (yields) after every step that costs
 * (each read, each of the detector's timing fits and grid fits), and returns the text
 * read, or null when every look missed.
 */
type Session = AsyncGenerator<void, string | null, void>;

/**
 * A frame's fallback looks, stage by stage, each stage's looks in turn:
 * 0. the crop flipped first when its ring is darker than its middle (light modules on a
 *    dark ground); sharpened with its local contrast restored (blur, glare, faded ink);
 * 1. our own detector (module-grid.ts): the grid fitted through the finders, timing and
 *    alignment patterns, each module read over its area, the code re-drawn clean (on the
 *    flipped crop too for light modules on a dark ground);
 * 2. the sharpened look over the busy patches joined, when a glare band across a phone
 *    split the code's texture in two; the crop as it is with the reader's closing filter
 *    (scratches, specks);
 * 3. smoothed over 3×3 before the contrast is restored (a screen's moiré, JPEG blocks, gain
 *    noise); the crop as it is at 3.2×, for modules of about 2 px (the longest token,
 *    tilted and blurred): a second sampling rather than a cure;
 * 4. last, the detector's costlier looks: the finders' own frames, a hidden third finder
 *    further off (a dim counter's steep tilt).
 * The flip, the smoothing and the detector were chosen on the "tune" split of test/decode's
 * corpus only (inverted 0 → 23 of 24; the smoothing reads moiré frames the other passes
 * miss; the joined patches read 1 of the 2 phone-glare frames missed; the detector 10 more
 * frames, dark-counter 29 → 32 of 40); the figures are measured on the other split
 * (README, "The camera decoder").
 */
async function* fallbackLooks(look: Look, read: ReadQr): Session {
  for (const stage of STAGES) {
    const text = yield* stage(look, read);
    if (text !== null) return text;
    yield;
  }
  return null;
}

/** A frame's first, cheapest look: grey, and its busiest region (null: nothing textured). */
export interface Quick {
  grey: GreyImage;
  regions: { region: Region; joined: Region | null };
}

export function quickLook(frame: RgbaImage): Quick | null {
  const grey = toGrey(frame);
  const regions = locateRegions(grey.data, grey.width, grey.height);
  return regions === null ? null : { grey, regions };
}

/** The busiest region cut out, its contrast restored, and the finder-like stacks counted there. */
export interface FindersLook extends Quick {
  crop: GreyImage;
  restored: GreyImage;
  flipped: GreyImage | null;
  finders: number;
  /** The crop smoothed 3×3, contrast restored, when its own finders were too broken to count (finder-texture.ts, smoothedFinders). */
  smoothed: GreyImage | null;
}

export function findersLook({ grey, regions }: Quick): FindersLook {
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
  // Gain noise can break every finder's rows: the crop smoothed shows them (finder-texture.ts).
  const noisy = finders < MIN_FINDERS ? smoothedFinders(crop, restored) : null;
  if (noisy !== null) finders = noisy.finders;
  return { grey, regions, crop, restored, flipped, finders, smoothed: noisy?.smoothed ?? null };
}

export function hasFinderStack(look: FindersLook): boolean {
  return look.finders >= MIN_FINDERS;
}

/**
 * The busiest region of the frame cut out, when it holds anything stacked like a finder
 * pattern; null otherwise (a frame without a code almost never does: on both splits 23 of
 * 26 such frames stop here and no frame with a code does).
 */
function lookOf(frame: RgbaImage): Look | null {
  const quick = quickLook(frame);
  return quick === null ? null : lookFrom(findersLook(quick));
}

function lookFrom(partial: FindersLook): Look | null {
  // No finder-like stack anywhere in the crop (a counter, a notice, a dark screen): none
  // of the costlier looks would find a code either, so a frame without one stops here.
  if (!hasFinderStack(partial)) return null;
  const { grey, regions, crop, restored, flipped, smoothed } = partial;
  return { grey, regions, crop, restored, flipped, scale: Math.min(MAX_SCALE, MAX_CROP_SIDE / Math.max(crop.width, crop.height)), smoothed };
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

/** One stage's looks: pauses (yields) after each costly step, returns the text read or null. */
type Stage = (look: Look, read: ReadQr) => AsyncGenerator<void, string | null, void>;

const STAGES: readonly Stage[] = [
  async function* ({ restored, flipped, scale }, read) {
    // Light modules on a dark ground (a dark-mode phone, a card printed so), flipped. A dark
    // ring also surrounds a phone's black bezel or a card on a dark counter, so the crop
    // as it is gets its own look after this one.
    if (flipped !== null) {
      const text = await read(enlarge(flipped, scale), 'crop');
      if (text !== null) return text;
      yield;
    }
    return read(enlarge(restored, scale), 'crop');
  },
  async function* (look, read) {
    // Our own detector: the grid fitted through the finders and alignment patterns, each
    // module read over its area, the code re-drawn clean for the reader. A null step is
    // the detector pausing between its costly steps.
    const past = yield* readPastBand(look.grey, look.regions.region, look.crop, read);
    if (past !== null) return past;
    const smoothed = smoothedOf(look);
    yield;
    for (const code of redrawnCodeSteps([look.restored, smoothed], look.crop)) {
      if (code !== null) {
        const text = await read(code, 'drawn');
        if (text !== null) return text;
      }
      yield;
    }
    // Light modules on a dark ground: the detector looks for dark finders, so it is given
    // the crop flipped (restoring contrast is linear: the flipped restored crops are the
    // restored crops flipped).
    if (look.flipped !== null) {
      for (const code of redrawnCodeSteps([look.flipped, invertGrey(smoothed)], invertGrey(look.crop))) {
        if (code !== null) {
          const text = await read(code, 'drawn');
          if (text !== null) return text;
        }
        yield;
      }
    }
    return null;
  },
  async function* ({ grey, regions, crop, scale }, read) {
    // A glare band across a phone splits the code's texture: the patches beside it, joined.
    if (regions.joined !== null) {
      const whole = cropGrey(grey, regions.joined);
      const wholeScale = Math.min(MAX_SCALE, MAX_CROP_SIDE / Math.max(whole.width, whole.height));
      const text = await read(enlarge(restoreContrast(whole, 1, 6), wholeScale), 'crop');
      if (text !== null) return text;
      yield;
    }
    return read(enlarge(crop, scale), 'crop-denoise');
  },
  async function* (look, read) {
    // A screen's pixel grid beating with the camera's (moiré), JPEG blocks, gain noise in a
    // dim room: all finer than a module. Smoothed first, they no longer break the runs.
    if (look.smoothed === null) {
      smoothedOf(look);
      yield;
    }
    const smoothed = await read(enlarge(smoothedOf(look), look.scale), 'crop');
    if (smoothed !== null) return smoothed;
    yield;
    const { crop, scale } = look;
    const fine = Math.min(FINE_SCALE, MAX_FINE_SIDE / Math.max(crop.width, crop.height));
    return fine > scale ? read(enlarge(crop, fine), 'crop') : null;
  },
  async function* (look, read) {
    // Last, the detector's costlier looks (module-grid.ts, DetectorPass 'further'): the
    // projection through the finders' own frames, and a hidden third finder looked for
    // further off in its own frame (a dim counter's steep tilt). After every other look, so
    // a code those read is read as soon as without them.
    const smoothed = smoothedOf(look);
    for (const code of redrawnCodeSteps([look.restored, smoothed], look.crop, undefined, 'further')) {
      if (code !== null) {
        const text = await read(code, 'drawn');
        if (text !== null) return text;
      }
      yield;
    }
    if (look.flipped !== null) {
      for (const code of redrawnCodeSteps([look.flipped, invertGrey(smoothed)], invertGrey(look.crop), undefined, 'further')) {
        if (code !== null) {
          const text = await read(code, 'drawn');
          if (text !== null) return text;
        }
        yield;
      }
    }
    return null;
  },
];
