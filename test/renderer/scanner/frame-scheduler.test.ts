import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DECODE_BURST_MS,
  DECODE_REST_RATIO,
  FALLBACK_FRAME_MS,
  MAX_REST_PER_DECODE_MS,
  startFrameScheduler,
  videoFrames,
  type SchedulerClock,
} from '../../../renderer/src/scanner/frame-scheduler.js';

/** A hand-driven clock: timers fire only when the test advances time. */
function fakeClock(): SchedulerClock & { advance(ms: number): void; pending(): number } {
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  let now = 0;
  return {
    now: () => now,
    set(run, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clear(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (next === undefined) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.run();
      }
      now = until;
    },
    pending: () => timers.length,
  };
}

/** Lets the promise callbacks of a settled decode run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

/**
 * The scheduler over a fake video (a test calls `frame()` for each new picture) and a fake
 * decoder whose decodes the test answers with `answer()`; what it grabbed, and when, is kept.
 */
function harness(options: { restRatio?: number } = {}) {
  const clock = fakeClock();
  let onFrame: (() => void) | null = null;
  let unsubscribed = false;
  const grabs: number[] = [];
  const inFlight: (() => void)[] = [];
  let maxInFlight = 0;
  let picture: 'none' | 'some' = 'some';
  const stop = startFrameScheduler({
    clock,
    feed: (callback) => {
      onFrame = callback;
      return () => {
        unsubscribed = true;
      };
    },
    offer: () => {
      if (picture === 'none') return null;
      grabs.push(clock.now());
      return new Promise<void>((resolve) => {
        inFlight.push(resolve);
        maxInFlight = Math.max(maxInFlight, inFlight.length);
      });
    },
    ...(options.restRatio === undefined ? {} : { restRatio: options.restRatio }),
  });
  return {
    clock,
    grabs,
    stop,
    get unsubscribed() {
      return unsubscribed;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    noPicture() {
      picture = 'none';
    },
    somePicture() {
      picture = 'some';
    },
    frame() {
      if (onFrame === null) throw new Error('the scheduler did not subscribe to the video');
      onFrame();
    },
    /** Answers the decode in flight. */
    async answer() {
      const resolve = inFlight.shift();
      if (resolve === undefined) throw new Error('no decode in flight');
      resolve();
      await settle();
    },
  };
}

describe('offering camera frames to the decoder', () => {
  it('grabs a new frame as soon as it arrives when the decoder is idle', () => {
    const h = harness();
    h.clock.advance(7);
    h.frame();
    expect(h.grabs).toEqual([7]);
  });

  it('never offers a frame while a decode is in flight; the newest picture is taken once it answers', async () => {
    const h = harness();
    h.frame();
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(40);
      h.frame();
    }
    expect(h.grabs).toEqual([0]);
    expect(h.maxInFlight).toBe(1);
    // 200 ms for that decode: as much rest is owed, less the 100 ms allowance; then the picture current then.
    await h.answer();
    expect(h.grabs).toEqual([0]);
    h.clock.advance(99);
    expect(h.grabs).toEqual([0]);
    h.clock.advance(1);
    expect(h.grabs).toEqual([0, 300]);
    expect(h.maxInFlight).toBe(1);
  });

  it('does not decode the same picture twice: after an answer it waits for a new frame', async () => {
    const h = harness();
    h.frame();
    h.clock.advance(4);
    await h.answer();
    h.clock.advance(100);
    expect(h.grabs).toEqual([0]);
    h.frame();
    expect(h.grabs).toEqual([0, 104]);
  });

  /**
   * Three seconds of a 30 frames/s camera whose every frame costs the decoder 30 ms: the share
   * of the last two seconds a decode ran (the first spends the allowance), and the grabs.
   */
  async function everyFrameCosts30ms(restRatio?: number): Promise<{ busyShare: number; grabs: number; maxInFlight: number }> {
    const h = harness(restRatio === undefined ? {} : { restRatio });
    const frameMs = 1000 / 30;
    let busy = 0;
    let nextFrame = 0;
    let grabbed = 0;
    let decodeEnds: number | null = null;
    for (let t = 0; t < 3000; t += 1) {
      h.clock.advance(t - h.clock.now());
      if (decodeEnds !== null && t >= decodeEnds) {
        decodeEnds = null;
        await h.answer();
      }
      if (t >= nextFrame) {
        nextFrame += frameMs;
        h.frame();
      }
      // A grab made on a frame or at the end of a rest: its decode answers 30 ms later.
      if (h.grabs.length > grabbed) {
        grabbed = h.grabs.length;
        decodeEnds = t + 30;
      }
      if (decodeEnds !== null && t >= 1000) busy += 1;
    }
    return { busyShare: busy / 2000, grabs: h.grabs.length, maxInFlight: h.maxInFlight };
  }

  it('holds the decoding to at most half of one core when every frame costs 30 ms (a finder-like texture in view)', async () => {
    const capped = await everyFrameCosts30ms();
    expect(capped.maxInFlight).toBe(1);
    expect(capped.busyShare).toBeLessThanOrEqual(0.5);
    // …and it still decodes: a frame every 60–67 ms (30 ms of work, 30 ms of rest, then the next frame).
    expect(capped.grabs).toBeGreaterThanOrEqual(40);
    // Without the rest the same frames keep the decoder busy nine tenths of the time.
    const uncapped = await everyFrameCosts30ms(0);
    expect(uncapped.busyShare).toBeGreaterThan(0.8);
  });

  it('owes as much rest as the decoding took (DECODE_REST_RATIO), beyond a 100 ms allowance that a quick read or an odd slow frame does not spend', async () => {
    expect(DECODE_REST_RATIO).toBe(1);
    expect(DECODE_BURST_MS).toBe(100);
    const h = harness();
    // A whole-frame read (5 ms): the next frame is grabbed the moment it comes.
    h.frame();
    h.clock.advance(5);
    await h.answer();
    h.frame();
    expect(h.grabs).toEqual([0, 5]);
    // A 40 ms frame, then the next one 40 ms on: still at once (the allowance covers it).
    h.clock.advance(40);
    await h.answer();
    h.clock.advance(5);
    h.frame();
    expect(h.grabs).toEqual([0, 5, 50]);
    // Two more 40 ms frames back to back: 5 + 3×40 = 125 ms of decoding in 130 ms spends the
    // allowance (100 ms) and owes 20 ms more (125 − 100 − 5 ms between decodes).
    h.clock.advance(40);
    await h.answer();
    h.frame();
    expect(h.grabs).toEqual([0, 5, 50, 90]);
    h.clock.advance(40);
    await h.answer();
    h.frame();
    h.clock.advance(19);
    expect(h.grabs).toEqual([0, 5, 50, 90]);
    h.clock.advance(1);
    expect(h.grabs).toEqual([0, 5, 50, 90, 150]);
  });

  it('bounds the rest one decode owes: a frame that ran into the decoder\'s 5 s timeout (or a worker start, a wasm compile) holds the camera a moment, not another 5 s', async () => {
    expect(MAX_REST_PER_DECODE_MS).toBe(250);
    const h = harness();
    h.frame();
    h.clock.advance(5000);
    await h.answer();
    h.frame();
    // 250 ms owed at most, less the 100 ms allowance the quiet start left.
    h.clock.advance(149);
    expect(h.grabs).toEqual([0]);
    h.clock.advance(1);
    expect(h.grabs).toEqual([0, 5150]);
    // A second such decode straight after owes no more than the bound either: rest does not pile up.
    h.clock.advance(5000);
    await h.answer();
    h.frame();
    h.clock.advance(249);
    expect(h.grabs).toEqual([0, 5150]);
    h.clock.advance(1);
    expect(h.grabs).toEqual([0, 5150, 10400]);
  });

  it('keeps a frame that arrived with nothing to grab (no picture yet) from blocking the next ones', () => {
    const h = harness();
    h.noPicture();
    h.clock.advance(10);
    h.frame();
    expect(h.grabs).toEqual([]);
    expect(h.clock.pending()).toBe(0);
    // The picture comes: the next frame is grabbed at once.
    h.somePicture();
    h.clock.advance(33);
    h.frame();
    expect(h.grabs).toEqual([43]);
  });

  it('stops: no grab after stop(), the video is let go, no timer left', async () => {
    const h = harness();
    h.frame();
    h.clock.advance(150);
    await h.answer();
    h.frame(); // waits out its rest (50 ms) on a timer
    expect(h.clock.pending()).toBe(1);
    h.stop();
    expect(h.unsubscribed).toBe(true);
    expect(h.clock.pending()).toBe(0);
    h.clock.advance(1000);
    h.frame();
    expect(h.grabs).toEqual([0]);
  });
});

describe('the frames of the video element', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows requestVideoFrameCallback frame after frame, and cancels the one asked for last', () => {
    const asked = new Map<number, () => void>();
    const cancelled: number[] = [];
    let nextHandle = 1;
    const video = {
      requestVideoFrameCallback(callback: () => void): number {
        asked.set(nextHandle, callback);
        return nextHandle++;
      },
      cancelVideoFrameCallback(handle: number): void {
        cancelled.push(handle);
      },
    };
    let frames = 0;
    const stop = videoFrames(video)(() => {
      frames += 1;
    });
    for (let handle = 1; handle <= 3; handle += 1) asked.get(handle)?.();
    expect(frames).toBe(3);
    stop();
    expect(cancelled).toEqual([4]);
  });

  it('falls back to a frame every 33 ms where the element has no requestVideoFrameCallback, and stops', () => {
    vi.useFakeTimers();
    let frames = 0;
    const stop = videoFrames({})(() => {
      frames += 1;
    });
    vi.advanceTimersByTime(FALLBACK_FRAME_MS * 3);
    expect(frames).toBe(3);
    stop();
    vi.advanceTimersByTime(1000);
    expect(frames).toBe(3);
  });
});
