import { cropGrey, enlarge } from './crop-enlarge.js';
import { toGrey, type GreyImage, type RgbaImage } from './grey-image.js';
import { locateRegions, type Region } from './locate-code.js';
import { invertGrey, looksInverted } from './polarity.js';
import { finderCrossings } from './finder-texture.js';
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

/** The fallback looks' stages, in the order they are given (see fallbackLooks). */
export const FALLBACK_STAGES = 4;

/**
 * Time (ms) a camera frame gives the fallback looks after its whole-frame look: the step
 * that crosses it is the last (a read of the enlarged crop, a timing fit of the detector),
 * so a frame's decode stays within the whole-frame look + this + one step.
 */
export const FALLBACK_BUDGET_MS = 12;

/**
 * Camera frames the fallback looks are given before they start afresh (400 ms at 30
 * frames/s), counted from the first frame after a read or after a frame without any
 * finder-like stack, over sessions that ran out and were started again: a card held up to
 * the camera has moved by then, and the frame the session looks at is stale; the next
 * frame starts a new session on itself, so one card's hard code never holds up the next
 * card's looks.
 */
export const SESSION_FRAMES = 12;

/** A clock in milliseconds (performance.now() in the worker; a fake one in tests). */
export type Clock = () => number;

/**
 * Decodes one still image: the whole image as it is, then every fallback look in turn
 * until one reads (see fallbackLooks). A camera's consecutive frames go through
 * CameraDecoder instead, which spreads those looks over them.
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

/**
 * The longest a fallback session may run (ms on the decoder's clock, from the frame that
 * started it), whatever the frames. Under the camera loop's pacing (frame-scheduler.ts: a
 * frame every 33 ms, decoding beyond 100 ms owed back as rest) a read in 7 frames, the
 * most the measure split needed, takes 225 ms with 25 ms decodes and 420 ms with 40 ms
 * ones, and SESSION_FRAMES' 12 frames of 25 ms take 475 ms (run-decode-bench.mjs,
 * pacedReadMs): 500 ms keeps those reads while no session outlives half a second, not a
 * stall of the loop, a pause, or a slow machine's long gaps between frames.
 */
export const SESSION_MAX_MS = 500;

/**
 * A pending session goes on only while the current frame's busiest region overlaps the
 * session's by at least this much (intersection over union): a hand-held card moves a few
 * pixels a frame (overlap near 1); another card, or the counter once the card is gone, has
 * its busiest region elsewhere.
 */
export const SAME_PLACE_IOU = 0.5;

/**
 * The decoder of a camera's consecutive frames, time-sliced. Every frame gets the
 * whole-frame look; when that does not read, the pending fallback session (the looks of
 * the frame that started it: its crop, the four stages, the detector's candidates) goes on
 * from where it paused until `budgetMs` of fallback work is spent, then pauses until the
 * next frame. A frame without a pending session starts one on itself (when its crop holds
 * a finder-like stack; a frame without a code almost never does and stops after the
 * whole-frame look). A session that runs out without a read leaves the next frame to start
 * a new one on itself; every SESSION_FRAMES frames, and after any read, the looks start
 * afresh. So no camera frame pays for every look, and the looks are given in the same
 * order as decodeFrame's, only spread over frames.
 *
 * A session only ever reports a code the current frame still shows: before it goes on, the
 * current frame's own quick look (its busiest region, and the finder-like stacks there) must
 * find a finder-like stack in a region overlapping the session's (SAME_PLACE_IOU); else the
 * session is dropped (and a frame whose region moved starts its own). A session older than
 * `maxAgeMs` (SESSION_MAX_MS) is dropped too, as is any session on reset() (the page calls
 * it whenever its decode loop starts, so nothing seen before a pause is ever reported
 * after it) and on a failure, the whole-frame look's included.
 */
export class CameraDecoder {
  private session: Pending | null = null;
  /** Frames given to fallback looks since they last started afresh (see SESSION_FRAMES). */
  private streak = 0;
  /** Bumped by every reset: a decode that a reset overtook reports nothing. */
  private epoch = 0;

  constructor(
    private readonly read: ReadQr,
    private readonly now: Clock = () => performance.now(),
    private readonly budgetMs: number = FALLBACK_BUDGET_MS,
    private readonly sessionFrames: number = SESSION_FRAMES,
    private readonly maxAgeMs: number = SESSION_MAX_MS,
  ) {}

  /** Whether a fallback session is paused, waiting for the next frame. */
  get pending(): boolean {
    return this.session !== null;
  }

  /** Drops any pending session: the next frame starts afresh (a new camera, a loop restarted). */
  reset(): void {
    this.session = null;
    this.streak = 0;
    this.epoch++;
  }

  async decode(frame: RgbaImage): Promise<string | null> {
    const epoch = this.epoch;
    let whole: string | null;
    try {
      whole = await this.read(frame, 'frame');
    } catch (error) {
      this.reset();
      throw error;
    }
    if (epoch !== this.epoch) return null;
    if (whole !== null) {
      this.reset();
      return whole;
    }
    const start = this.now();
    if (this.streak >= this.sessionFrames || (this.session !== null && start - this.session.startedAt >= this.maxAgeMs)) {
      this.session = null;
      this.streak = 0;
    }
    try {
      const quick = quickLook(frame);
      if (quick === null) {
        // Nothing textured in view: no code, and no session's code either.
        this.session = null;
        this.streak = 0;
        return null;
      }
      let session = this.session;
      let slice = start;
      if (session !== null && iou(quick.regions.region, session.region) < SAME_PLACE_IOU) {
        // The busiest region moved: another card, or this one moved away; start on this frame.
        session = null;
        this.streak = 0;
      } else if (session !== null) {
        if (!hasFinderStack(findersLook(quick))) {
          // The region is where it was but holds no finder-like stack: the card has gone.
          this.session = null;
          this.streak = 0;
          return null;
        }
        // The check is the frame's price for going on, not part of the session's slice.
        slice = this.now();
      }
      this.streak++;
      if (session === null) {
        // Cutting the region out is this frame's first step.
        session = { looks: sessionLooks(quick, this.read), region: quick.regions.region, startedAt: start };
        this.session = session;
        if (this.now() - slice >= this.budgetMs) return null;
      }
      // A session going on is given a step on every frame that still shows it, whatever its check cost.
      for (;;) {
        const step = await session.looks.next();
        if (epoch !== this.epoch || this.session !== session) return null;
        if (step.done === true) {
          this.session = null;
          if (step.value === NO_FINDERS) {
            this.streak = 0;
            return null;
          }
          if (step.value !== null) this.streak = 0;
          return step.value;
        }
        if (this.now() - slice >= this.budgetMs) return null;
      }
    } catch (error) {
      if (epoch === this.epoch) this.reset();
      throw error;
    }
  }
}

/** A paused session: its looks, the region of the frame that started it, when it started. */
interface Pending {
  looks: AsyncGenerator<void, string | null | typeof NO_FINDERS, void>;
  region: Region;
  startedAt: number;
}

/** A session's end when its frame's crop held no finder-like stack (no look was given). */
const NO_FINDERS = Symbol('no finder-like stack');

/** Intersection over union of two regions. */
function iou(a: Region, b: Region): number {
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = w * h;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

/** A session's looks: its frame's crop examined for finder-like stacks (a pause after the costly part), then the stages. */
async function* sessionLooks(quick: Quick, read: ReadQr): AsyncGenerator<void, string | null | typeof NO_FINDERS, void> {
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
 *    noise); last, the crop as it is at 3.2×, for modules of about 2 px (the longest token,
 *    tilted and blurred): a second sampling rather than a cure.
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
interface Quick {
  grey: GreyImage;
  regions: { region: Region; joined: Region | null };
}

function quickLook(frame: RgbaImage): Quick | null {
  const grey = toGrey(frame);
  const regions = locateRegions(grey.data, grey.width, grey.height);
  return regions === null ? null : { grey, regions };
}

/** The busiest region cut out, its contrast restored, and the finder-like stacks counted there. */
interface FindersLook extends Quick {
  crop: GreyImage;
  restored: GreyImage;
  flipped: GreyImage | null;
  finders: number;
}

function findersLook({ grey, regions }: Quick): FindersLook {
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
  return { grey, regions, crop, restored, flipped, finders };
}

function hasFinderStack(look: FindersLook): boolean {
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
  const { grey, regions, crop, restored, flipped } = partial;
  return { grey, regions, crop, restored, flipped, scale: Math.min(MAX_SCALE, MAX_CROP_SIDE / Math.max(crop.width, crop.height)), smoothed: null };
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
];
