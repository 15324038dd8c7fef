import type { RgbaImage } from './grey-image.js';
import type { Region } from './locate-code.js';
import type { ReadQr } from './read-qr.js';
import { findersLook, hasFinderStack, NO_FINDERS, quickLook, sessionLooks, type SessionLooks } from './decode-pipeline.js';
import { scenePrint, showsSameScene, type ScenePrint } from './same-scene.js';

/**
 * Time (ms) a camera frame's decode may take in all: its whole-frame look, the check that a
 * paused session's card is still shown, and the fallback looks, which go on until this is
 * spent; the step that crosses it is the last (a read of the enlarged crop, a timing fit of
 * the detector), and a frame going on with a session gets one step whatever its check
 * cost. So a frame's decode stays within this + one step, and whatever the frame saves on
 * its checks (a card held still: showsSameScene, a fraction of a millisecond, instead of
 * finding the region and its finder-like stacks again, 8 ms) goes to the fallback looks.
 */
export const FRAME_BUDGET_MS = 22;

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
 * the frame that started it: its crop, the stages, the detector's candidates) goes on
 * from where it paused until the frame has spent `frameBudgetMs` (FRAME_BUDGET_MS) in all,
 * then pauses until the next frame. A frame without a pending session starts one on itself
 * (when its crop holds a finder-like stack; a frame without a code almost never does and
 * stops after the whole-frame look). A session that runs out without a read leaves the
 * next frame to start a new one on itself; every SESSION_FRAMES frames, and after any read,
 * the looks start afresh. So no camera frame pays for every look, and the looks are given
 * in the same order as decodeFrame's, only spread over frames.
 *
 * A session only ever reports a code the current frame still shows: before it goes on, the
 * current frame must show, in the session's region, the scene the session's own frame
 * showed there (showsSameScene: a card held still), or else its own quick look (its busiest
 * region, and the finder-like stacks there) must find a finder-like stack in a region
 * overlapping the session's (SAME_PLACE_IOU: a card moved by the hand holding it); else the
 * session is dropped (and a frame whose region moved starts its own).
 * Another card laid in exactly the same place within the session's age, with no frame
 * between that shows neither, fails the scene check but passes the region check; a read is
 * then of the card shown just before, which its holder presented. A session older than
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
    private readonly frameBudgetMs: number = FRAME_BUDGET_MS,
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
    const start = this.now();
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
    if (this.streak >= this.sessionFrames || (this.session !== null && start - this.session.startedAt >= this.maxAgeMs)) {
      this.session = null;
      this.streak = 0;
    }
    try {
      const session = this.session !== null && showsSameScene(this.session.print, frame) ? this.session : this.goOnOrStart(frame, start);
      if (session === null) return null;
      this.streak++;
      // Every frame that looks gets a step, whatever its check cost: a new session's first
      // (its crop's finder-like stacks), or the next of a session going on.
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
        if (this.now() - start >= this.frameBudgetMs) return null;
      }
    } catch (error) {
      if (epoch === this.epoch) this.reset();
      throw error;
    }
  }

  /**
   * For a frame that does not show the session's scene unchanged (or with no session): the
   * session when the frame's busiest region is still where it was and holds a finder-like
   * stack, a new session on this frame when the region moved (or there was none), null when
   * there is nothing to look at (nothing textured, or the session's card has gone).
   */
  private goOnOrStart(frame: RgbaImage, start: number): Pending | null {
    const quick = quickLook(frame);
    if (quick === null) {
      // Nothing textured in view: no code, and no session's code either.
      this.session = null;
      this.streak = 0;
      return null;
    }
    const { region } = quick.regions;
    if (this.session !== null && iou(region, this.session.region) >= SAME_PLACE_IOU) {
      if (hasFinderStack(findersLook(quick))) return this.session;
      // The region is where it was but holds no finder-like stack: the card has gone.
      this.session = null;
      this.streak = 0;
      return null;
    }
    // The busiest region moved: another card, or this one moved away; start on this frame.
    if (this.session !== null) this.streak = 0;
    // No session (a session that ran out is started again on this frame, its frames counted on).
    this.session = { looks: sessionLooks(quick, this.read), region, print: scenePrint(frame, region), startedAt: start };
    return this.session;
  }
}

/** A paused session: its looks, the region of the frame that started it and that region's print, when it started. */
interface Pending {
  looks: SessionLooks;
  region: Region;
  print: ScenePrint;
  startedAt: number;
}

/** Intersection over union of two regions. */
function iou(a: Region, b: Region): number {
  const w = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const h = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = w * h;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

