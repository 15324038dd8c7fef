import { beforeAll, describe, expect, it } from 'vitest';
import { CameraDecoder, SESSION_FRAMES, SESSION_MAX_MS } from '../../renderer/src/scanner/decoder/camera-decoder.js';
import { decodeFrame, type PassKind } from '../../renderer/src/scanner/decoder/decode-pipeline.js';
import type { RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { corpusSpecs, type FrameSpec } from './corpus/corpus-spec.mjs';
import { renderFrame } from './corpus/render-frame.mjs';
import { forgedMarks } from './forged-marks.js';
import { prepareZxing, zxingReader } from './zxing-reader.js';

const zxing = zxingReader();

/** What a fake clock charges (ms) for each read; every pause point costs 1 ms more (the clock's tick). */
const COST: Record<PassKind, number> = { frame: 7, crop: 9, 'crop-denoise': 9, drawn: 2 };
/** A frame's budget in all: its whole-frame look (7 and a tick) and 20 ms of the rest. */
const BUDGET = 28;

/**
 * A camera decoder on zxing-wasm with a fake clock: reads cost COST, every look at the clock
 * 1 ms. Records each frame's passes and its time (from its decode's first look at the clock
 * to its answer).
 */
function fakeCamera(
  sessionFrames?: number,
  budgetMs = BUDGET,
  maxAgeMs?: number,
): { camera: CameraDecoder; frames: Array<{ passes: PassKind[]; ms: number }>; decode: (frame: RgbaImage) => Promise<string | null>; advance: (ms: number) => void } {
  let t = 0;
  const frames: Array<{ passes: PassKind[]; ms: number }> = [];
  const camera = new CameraDecoder(
    async (image, pass) => {
      frames.at(-1)!.passes.push(pass);
      t += COST[pass];
      return zxing(image, pass);
    },
    () => t++,
    budgetMs,
    sessionFrames,
    maxAgeMs,
  );
  const decode = async (frame: RgbaImage): Promise<string | null> => {
    frames.push({ passes: [], ms: 0 });
    const begin = t;
    const text = await camera.decode(frame);
    frames.at(-1)!.ms = t - begin;
    return text;
  };
  const advance = (ms: number): void => {
    t += ms;
  };
  return { camera, frames, decode, advance };
}

const tokens = loadCardTokens();
const modules = tokens.map((t) => qrModules(t));
/** Tuning frames only (never the measured split). */
const tune = corpusSpecs(
  modules.map((m) => m.size),
  'tune',
);
const byId = (id: string): FrameSpec => tune.find((s) => s.id === id)!;
const render = (spec: FrameSpec): RgbaImage => renderFrame(spec, spec.tokenIndex === null ? null : modules[spec.tokenIndex]!) as RgbaImage;
const copyOf = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });
/** The image moved `k` pixels to the right (a hand-held card between two camera frames), its left edge repeated. */
function shiftedRight(image: RgbaImage, k: number): RgbaImage {
  const { width, height, data } = image;
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    out.set(data.subarray(row, row + (width - k) * 4), row + k * 4);
    for (let x = 0; x < k; x++) out.set(data.subarray(row, row + 4), row + x * 4);
  }
  return { width, height, data: out };
}

beforeAll(async () => {
  // The .wasm from node_modules: nothing is fetched.
  await prepareZxing();
});

describe('the camera decoder time-slices the fallback looks over consecutive frames', () => {
  // A dim counter's code only our detector reads, and a clean one the whole-frame look reads.
  const dim = byId('402-dark-counter');
  const clean = byId('000-clean');

  it('resumes a session where the last frame paused it, and reads the code within its budget on every frame', async () => {
    const image = render(dim);
    const { camera, frames, decode } = fakeCamera();
    expect(await decode(copyOf(image))).toBeNull();
    expect(camera.pending).toBe(true);
    let text: string | null = null;
    while (text === null && frames.length < 30) text = await decode(copyOf(image));
    expect(text).toBe(tokens[dim.tokenIndex!]);
    expect(camera.pending).toBe(false);
    // Every look once, in the still image's order: no frame started the looks over.
    const still: PassKind[] = [];
    await decodeFrame(copyOf(image), (i, pass) => {
      still.push(pass);
      return zxing(i, pass);
    });
    expect(frames.flatMap((f) => f.passes.slice(1))).toEqual(still.slice(1));
    expect(frames.every((f) => f.passes[0] === 'frame')).toBe(true);
  });

  it('never spends more than its budget and one step on a frame, whatever the frame', async () => {
    const { frames, decode } = fakeCamera();
    // The dim code, then a counter with three finder-like marks round noise (every look, and
    // nothing read: the session runs out), then the dim code again.
    const image = render(dim);
    let text: string | null = null;
    while (text === null && frames.length < 30) text = await decode(copyOf(image));
    const marks = forgedMarks();
    for (let k = 0; k < 30; k++) expect(await decode(copyOf(marks))).toBeNull();
    text = null;
    while (text === null && frames.length < 90) text = await decode(copyOf(image));
    expect(text).toBe(tokens[dim.tokenIndex!]);
    // The costliest step: a read plus the clock's tick after it.
    const step = Math.max(...Object.values(COST)) + 1;
    for (const f of frames) expect(f.ms).toBeLessThanOrEqual(BUDGET + step);
    // The budget was spent: slices, not one look per frame.
    expect(frames.filter((f) => f.ms >= BUDGET).length).toBeGreaterThan(frames.length / 2);
  });

  it('with each step charged its own CPU time too, no frame spends more than the budget and one step', async () => {
    // The fake clock charges a read COST, and every other step the CPU time it really took
    // (finding the region, checking a session's card is still shown, restoring contrast,
    // counting finder-like stacks, smoothing, the detector's fits) plus a tick: the decoder
    // must look at the clock after every step, so every step but a frame's last begins
    // within the budget, counted from the frame's start.
    let t = 0;
    let lastReal = performance.now();
    let inRead = 0;
    let readings: number[] = [];
    const clock = (): number => {
      const now = performance.now();
      t += now - lastReal - inRead + 1;
      lastReal = now;
      inRead = 0;
      readings.push(t);
      return t;
    };
    const camera = new CameraDecoder(
      async (image, pass) => {
        const begin = performance.now();
        const text = await zxing(image, pass);
        inRead += performance.now() - begin;
        t += COST[pass];
        return text;
      },
      clock,
      BUDGET,
      // Neither the frame count nor the age ends a session here: on a busy machine the
      // charged CPU time would age it out before the read this test needs.
      1000,
      Infinity,
    );
    const frames: number[][] = [];
    const decode = async (frame: RgbaImage): Promise<string | null> => {
      readings = [];
      const text = await camera.decode(frame);
      frames.push(readings);
      return text;
    };
    const image = render(dim);
    let text: string | null = null;
    while (text === null && frames.length < 150) text = await decode(copyOf(image));
    expect(text, `${frames.length} frames`).toBe(tokens[dim.tokenIndex!]);
    const marks = forgedMarks();
    for (let k = 0; k < 20; k++) await decode(copyOf(marks));
    // The card moved by a pixel each frame: the scene is not the session's, so every frame
    // pays for finding its region and finder-like stacks again, within the same budget.
    const shifted = (k: number): RgbaImage => shiftedRight(image, k % 3);
    const moving = frames.length;
    text = null;
    for (let k = 0; text === null && k < 150; k++) text = await decode(shifted(k));
    expect(text).toBe(tokens[dim.tokenIndex!]);
    expect(frames.length - moving).toBeGreaterThan(1);
    for (const [i, f] of frames.entries()) {
      // The first reading is the frame's start; the last one the decoder acted on (the
      // step that crossed the budget, or a read) may be past it; every one before began a
      // step within it.
      const start = f[0]!;
      const beforeLast = f.length > 2 ? f.at(-2)! - start : 0;
      expect(beforeLast, `frame ${i}: ${f.map((x) => (x - start).toFixed(1)).join(' ')}`).toBeLessThan(BUDGET);
    }
  });

  it('starts a new session on the frame after one runs out without a read', async () => {
    // Sessions long enough (in frames and in age) to run out of looks before their frames do.
    const { camera, frames, decode } = fakeCamera(1000, BUDGET, Infinity);
    const marks = forgedMarks();
    let k = 0;
    do {
      await decode(copyOf(marks));
      k++;
    } while (camera.pending && k < 1000);
    expect(camera.pending).toBe(false);
    const ran = frames.flatMap((f) => f.passes.slice(1));
    expect(ran).toContain('drawn');
    // The next frame begins the looks again from the first (the crop, sharpened).
    expect(await decode(copyOf(marks))).toBeNull();
    expect(frames.at(-1)!.passes.slice(0, 2)).toEqual(['frame', 'crop']);
    expect(camera.pending).toBe(true);
  });

  it('counts SESSION_FRAMES over the sessions started again after running out: the frame after them starts afresh', async () => {
    const marks = forgedMarks();
    // Frames one session of the marks' looks takes to run out.
    const { camera: once, frames: first, decode: decodeOnce } = fakeCamera(1000, BUDGET, Infinity);
    do await decodeOnce(copyOf(marks));
    while (once.pending && first.length < 1000);
    const k = first.length;
    expect(k).toBeGreaterThan(2);
    // Frames 1 … k: the first session; k + 1, k + 2: a second one; k + 3: afresh.
    const { frames, decode } = fakeCamera(k + 2, BUDGET, Infinity);
    for (let i = 0; i < k + 3; i++) await decode(copyOf(marks));
    expect(frames[k]!.passes).toEqual(frames[0]!.passes);
    expect(frames[k + 1]!.passes).toEqual(frames[1]!.passes);
    expect(frames[k + 2]!.passes).toEqual(frames[0]!.passes);
    expect(frames[2]!.passes).not.toEqual(frames[0]!.passes);
  });

  it('drops a pending session on a read: the next frame starts afresh', async () => {
    const { camera, frames, decode } = fakeCamera();
    const dimImage = render(dim);
    expect(await decode(copyOf(dimImage))).toBeNull();
    expect(await decode(copyOf(dimImage))).toBeNull();
    expect(camera.pending).toBe(true);
    // The paused session had given the first stage's look (the crop, sharpened) already.
    expect(frames.flatMap((f) => f.passes).filter((p) => p === 'crop')).toHaveLength(1);
    expect(await decode(copyOf(render(clean)))).toBe(tokens[clean.tokenIndex!]);
    expect(frames.at(-1)!.passes).toEqual(['frame']);
    expect(camera.pending).toBe(false);
    // The dim code again: its looks from the first, not from where the last session paused.
    expect(await decode(copyOf(dimImage))).toBeNull();
    expect(frames.at(-1)!.passes.slice(0, 2)).toEqual(['frame', 'crop']);
  });

  it('gives a session SESSION_FRAMES frames at most: the next frame starts a new one on itself', async () => {
    expect(SESSION_FRAMES).toBe(12);
    // One step a frame (no budget), sessions of three frames.
    const { frames, decode } = fakeCamera(3, 0);
    const image = render(dim);
    for (let k = 0; k < 4; k++) expect(await decode(copyOf(image))).toBeNull();
    // Frame 1: the region found and its finder-like stacks counted (no look yet); 2: the crop
    // sharpened; 3: the pause after the first stage; 4: a new session, on itself.
    expect(frames.map((f) => f.passes.slice(1))).toEqual([[], ['crop'], [], []]);
    for (const expected of [['frame', 'crop'], ['frame']]) {
      expect(await decode(copyOf(image))).toBeNull();
      expect(frames.at(-1)!.passes).toEqual(expected);
    }
  });

  it('stops a frame without a code after the whole-frame look when its crop has no finder-like stack', async () => {
    const { camera, frames, decode } = fakeCamera();
    const counter = tune.filter((s) => s.tokenIndex === null).find((s) => s.id === '240-empty')!;
    expect(await decode(copyOf(render(counter)))).toBeNull();
    expect(frames[0]!.passes).toEqual(['frame']);
    expect(camera.pending).toBe(false);
  });
});

describe('a camera session never reports a card that is no longer shown', () => {
  // A dim card only the fallback looks read (in about 5 frames), and cards and counters after it.
  const dim = byId('402-dark-counter');
  const dimToken = tokens[dim.tokenIndex!]!;
  const emptyCounters = ['240-empty', '250-empty'].map(byId);
  // Regions overlapping 402's by less than SAME_PLACE_IOU.
  const otherDim = ['404-dark-counter', '432-dark-counter', '410-dark-counter', '414-dark-counter']
    .map(byId)
    .filter((s) => tokens[s.tokenIndex!] !== dimToken)
    .slice(0, 2);

  it('a card shown for k frames, then an empty counter: its token is never reported', async () => {
    const image = render(dim);
    for (const counter of emptyCounters) {
      const empty = render(counter);
      for (const k of [1, 2, 3, 4]) {
        const { decode } = fakeCamera();
        for (let i = 0; i < k; i++) expect(await decode(copyOf(image))).toBeNull();
        for (let i = 0; i < 20; i++) expect(await decode(copyOf(empty)), `${counter.id} after ${k} frames, frame ${i + 1}`).toBeNull();
      }
    }
  });

  it('a card shown for k frames, then another dim card elsewhere: only the other card is reported, on time', async () => {
    expect(otherDim).toHaveLength(2);
    const image = render(dim);
    for (const spec of otherDim) {
      const token = tokens[spec.tokenIndex!]!;
      const other = render(spec);
      // The other card alone: the frame it reads on.
      const alone = fakeCamera();
      let readAt = 0;
      while ((await alone.decode(copyOf(other))) === null && readAt < 20) readAt++;
      expect(readAt, spec.id).toBeLessThan(12);
      for (const k of [1, 2, 3, 4]) {
        const { decode } = fakeCamera();
        for (let i = 0; i < k; i++) expect(await decode(copyOf(image))).toBeNull();
        const texts: Array<string | null> = [];
        for (let i = 0; i < 20; i++) texts.push(await decode(copyOf(other)));
        expect(texts, `${spec.id} after ${k} frames`).not.toContain(dimToken);
        expect(texts.indexOf(token), `${spec.id} after ${k} frames`).toBe(readAt);
      }
    }
  });

  it('a card, then the counter where it lay, then another card in its place: only the other card is reported', async () => {
    // 413 lies where 402 lay (regions overlapping 0.9), as does the counter 250-empty.
    const same = byId('413-dark-counter');
    const token = tokens[same.tokenIndex!]!;
    const counter = render(byId('250-empty'));
    const first = render(dim);
    const second = render(same);
    for (const k of [1, 3]) {
      const { decode } = fakeCamera();
      for (let i = 0; i < k; i++) await decode(copyOf(first));
      expect(await decode(copyOf(counter))).toBeNull();
      const texts: Array<string | null> = [];
      for (let i = 0; i < 20; i++) texts.push(await decode(copyOf(second)));
      expect(texts).not.toContain(dimToken);
      expect(texts).toContain(token);
    }
  });

  it('reset() drops a pending session: the next frame starts afresh', async () => {
    const { camera, frames, decode } = fakeCamera();
    const image = render(dim);
    for (let i = 0; i < 3; i++) await decode(copyOf(image));
    expect(camera.pending).toBe(true);
    camera.reset();
    expect(camera.pending).toBe(false);
    // The same card after the reset: its looks from the first, one frame each at the start.
    await decode(copyOf(image));
    expect(frames.at(-1)!.passes).toEqual(frames[0]!.passes);
    // An empty counter after the reset never gives the dropped session's token.
    camera.reset();
    expect(await decode(copyOf(render(emptyCounters[1]!)))).toBeNull();
  });

  it('drops a session older than SESSION_MAX_MS on the decoder clock, whatever the frame count', async () => {
    expect(SESSION_MAX_MS).toBe(500);
    const { camera, frames, decode, advance } = fakeCamera(1000);
    const image = render(dim);
    expect(await decode(copyOf(image))).toBeNull();
    expect(camera.pending).toBe(true);
    // A pause of the loop (a verdict shown): the same card in view 600 ms later starts afresh.
    advance(600);
    expect(await decode(copyOf(image))).toBeNull();
    expect(frames[1]!.passes).toEqual(frames[0]!.passes);
    // Within the age, the session goes on where it paused.
    advance(100);
    await decode(copyOf(image));
    expect(frames[2]!.passes).not.toEqual(frames[0]!.passes);
  });

  it('drops the session when the whole-frame look throws', async () => {
    let fail = false;
    let t = 0;
    const camera = new CameraDecoder(
      (image, pass) => {
        if (fail && pass === 'frame') throw new Error('reader failed');
        t += COST[pass];
        return zxing(image, pass);
      },
      () => t++,
      BUDGET,
    );
    const image = render(dim);
    await camera.decode(copyOf(image));
    expect(camera.pending).toBe(true);
    fail = true;
    await expect(camera.decode(copyOf(image))).rejects.toThrow('reader failed');
    expect(camera.pending).toBe(false);
  });
});
