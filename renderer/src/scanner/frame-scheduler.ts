/** The clock and timers the scheduler runs on: the page's, or a test's hand-driven one. */
export interface SchedulerClock {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Announces each new video frame to `onFrame` until the function it returns is called. */
export type FrameFeed = (onFrame: () => void) => () => void;

/** Where the video element cannot announce its frames: a frame offered this often (about 30 a second). */
export const FALLBACK_FRAME_MS = 33;

/** The part of a video element that announces frames (absent where the browser lacks it). */
export interface FrameAnnouncer {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
}

/**
 * Each new frame of the video: requestVideoFrameCallback where the element has it (a frame
 * the moment it is presented, none while the camera shows nothing new), else a timer.
 */
export function videoFrames(video: FrameAnnouncer): FrameFeed {
  return (onFrame) => {
    const { requestVideoFrameCallback: request, cancelVideoFrameCallback: cancel } = video;
    if (typeof request !== 'function' || typeof cancel !== 'function') {
      const timer = setInterval(onFrame, FALLBACK_FRAME_MS);
      return () => clearInterval(timer);
    }
    let handle = 0;
    const next = (): void => {
      handle = request.call(video, () => {
        next();
        onFrame();
      });
    };
    next();
    return () => cancel.call(video, handle);
  };
}

export interface FrameSchedulerOptions {
  clock: SchedulerClock;
  feed: FrameFeed;
  /**
   * Grabs the current picture and decodes it: resolves once the decoder has answered (never
   * rejects). Null when there is nothing to take now (no picture yet, the page hidden).
   */
  offer: () => Promise<void> | null;
  /** Rest owed per ms of decoding (DECODE_REST_RATIO; 0 for no cap). */
  restRatio?: number;
  /** Decoding allowed beyond the cap after a quiet spell (DECODE_BURST_MS). */
  burstMs?: number;
}

/**
 * Every ms of decoding (from the grab to the decoder's answer) is owed back as this many ms
 * with nothing in flight before the next grab: 1 keeps the decoder's worker and the grabs to
 * at most half of one core for frames up to MAX_REST_PER_DECODE_MS each.
 */
export const DECODE_REST_RATIO = 1;

/**
 * Up to this much decoding may run ahead of that rest after a quiet spell: a read on the
 * whole-frame look (3–7 ms a frame) or an odd slow frame (a busy machine) delays no frame;
 * only frames that keep reaching the fallbacks (up to ~30 ms each) are held to the cap.
 */
export const DECODE_BURST_MS = 100;

/**
 * No decode owes more rest than this, however long it took: the time from grab to answer
 * also holds the worker's start and wasm compile, a busy main thread, and a frame that ran
 * into the decoder's 5 s timeout (decoder/index.ts); owing all that back would stop the
 * camera for seconds more.
 */
export const MAX_REST_PER_DECODE_MS = 250;

/**
 * Offers the decoder every new video frame, one at a time: a frame that arrives while a
 * decode is in flight (or while rest is owed) is not grabbed then; the picture current when
 * the decoder may go on is. Returns stop().
 */
export function startFrameScheduler(options: FrameSchedulerOptions): () => void {
  const { clock, offer } = options;
  const restRatio = options.restRatio ?? DECODE_REST_RATIO;
  const burstMs = options.burstMs ?? DECODE_BURST_MS;
  let stopped = false;
  let busy = false;
  let newFrame = false;
  /** Rest owed at `lastEnd` (ms; negative: decoding that may still run ahead, at most burstMs). */
  let owed = -burstMs;
  let lastEnd = -Infinity;
  let restTimer: unknown = null;

  const pump = (): void => {
    if (stopped || busy || restTimer !== null || !newFrame) return;
    const now = clock.now();
    const notBefore = lastEnd + owed;
    if (now < notBefore) {
      restTimer = clock.set(() => {
        restTimer = null;
        pump();
      }, notBefore - now);
      return;
    }
    newFrame = false;
    const decoding = offer();
    if (decoding === null) return;
    busy = true;
    // Time since the last decode repays what it owed, down to the burst allowance.
    owed = Math.max(-burstMs, owed - (now - lastEnd));
    const done = (): void => {
      const end = clock.now();
      owed += Math.min((end - now) * restRatio, MAX_REST_PER_DECODE_MS);
      lastEnd = end;
      busy = false;
      pump();
    };
    decoding.then(done, done);
  };

  const unsubscribe = options.feed(() => {
    newFrame = true;
    pump();
  });
  return () => {
    stopped = true;
    unsubscribe();
    if (restTimer !== null) clock.clear(restTimer);
    restTimer = null;
  };
}
