import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../electron/renderer-host/security-headers.js';
import { chromiumPath } from '../support/chromium.mjs';
import { buildBenchPage, launchChromium, openBenchPage, startServer } from './bench-browser.mjs';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import type { FrameSpec } from './corpus/corpus-spec.mjs';
import { encodePng } from './corpus/png.mjs';
import { renderFrame } from './corpus/render-frame.mjs';

interface DecodeRow {
  url: string;
  text: string | null;
  ms: number;
  transferred: boolean;
}

interface BenchWindow {
  decodeBench: {
    loadFrames(urls: string[]): Promise<number>;
    runJinka(urls: string[]): Promise<DecodeRow[]>;
    decodeMalformed(): Promise<string | null>;
    decodeBurst(urls: string[]): Promise<Array<string | null>>;
  };
}

const tokens = loadCardTokens();

const upright: FrameSpec = {
  id: 'clean',
  category: 'clean',
  seed: 7,
  tokenIndex: 0,
  kind: 'card',
  sizePx: 240,
  rotationDeg: 0,
  tiltDeg: 0,
  tiltAxisDeg: 0,
  contrast: 1,
  exposure: 1,
  blurSigma: 0.3,
  motionPx: 0,
  motionAngleDeg: 0,
  noiseSigma: 2,
  glare: null,
  wear: 0,
};

/** A worn card, turned and tilted under a lamp: the longest token, so the smallest modules. */
const worn: FrameSpec = {
  ...upright,
  id: 'worn',
  seed: 11,
  tokenIndex: 3,
  sizePx: 260,
  rotationDeg: 24,
  tiltDeg: 22,
  tiltAxisDeg: 60,
  contrast: 0.65,
  exposure: 0.8,
  blurSigma: 0.6,
  noiseSigma: 7,
  glare: { dx: 0.15, dy: -0.1, radius: 0.2, peak: 0.55 },
  wear: 0.35,
};

/** A card held far off: modules of 1.7 px, which ZXing misses on the whole frame. */
const distant: FrameSpec = { ...upright, id: 'distant', seed: 22, sizePx: 125, rotationDeg: 5 };

const screen = { pixelsPerModule: 6, fill: 0.7, moire: 0.2, reflection: null, cracks: null };

/** A phone in dark mode: light modules on a black screen. */
const darkMode: FrameSpec = { ...upright, id: 'dark-mode', seed: 31, tokenIndex: 1, kind: 'phone', invert: true, rotationDeg: 12, tiltDeg: 8, screen };

/** A card printed light-on-dark, tilted. */
const invertedCard: FrameSpec = { ...upright, id: 'inverted-card', seed: 32, tokenIndex: 2, invert: true, rotationDeg: -10, tiltDeg: 14, tiltAxisDeg: 30 };

/** A phone screen whose pixel grid beats with the camera's: strong moiré on small modules. */
const moire: FrameSpec = { ...upright, id: 'moire', seed: 33, tokenIndex: 3, kind: 'phone', sizePx: 200, rotationDeg: 7, screen: { ...screen, pixelsPerModule: 4.6, moire: 0.65 } };

/** A thumb over 7% of the code, from the bottom edge. */
const thumb: FrameSpec = { ...upright, id: 'thumb', seed: 34, tokenIndex: 0, rotationDeg: -6, finger: { edge: 'bottom', along: 0.7, width: 28, angleDeg: 12, cover: 0.07, seed: 5 } };

/** A 1280×720 webcam, the card still moving: a streak of most of a module, MJPEG at 70. */
const hd: FrameSpec = { ...upright, id: 'hd', seed: 35, tokenIndex: 3, frameWidth: 1280, frameHeight: 720, sizePx: 360, blurSigma: 0.7, motionPx: 4, motionLine: true, motionAngleDeg: 30, jpegQuality: 70 };

function framePng(spec: FrameSpec, withCode: boolean): Buffer {
  const token = spec.tokenIndex === null ? undefined : tokens[spec.tokenIndex];
  const frame = renderFrame(spec, withCode && token !== undefined ? qrModules(token) : null);
  return encodePng(frame.width, frame.height, frame.data);
}

describe('the camera QR decoder in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { origin: string; close(): Promise<void> };
  let blocked: string[];
  let requests: string[];

  const decode = (urls: string[]): Promise<DecodeRow[]> => page.evaluate((list) => (globalThis as unknown as BenchWindow).decodeBench.runJinka(list), urls);

  beforeAll(async () => {
    // A decoder test that skips itself proves nothing: say what is missing instead.
    chromiumPath();
    const pageDir = await buildBenchPage({ outDir: fileURLToPath(new URL('../../test-artifacts/decode-test/page', import.meta.url)) });
    const files = new Map<string, Uint8Array>([
      ['/frames/clean.png', framePng(upright, true)],
      ['/frames/no-code.png', framePng({ ...upright, id: 'no-code', seed: 8 }, false)],
      ['/frames/worn.png', framePng(worn, true)],
      ['/frames/distant.png', framePng(distant, true)],
      ['/frames/dark-mode.png', framePng(darkMode, true)],
      ['/frames/inverted-card.png', framePng(invertedCard, true)],
      ['/frames/moire.png', framePng(moire, true)],
      ['/frames/thumb.png', framePng(thumb, true)],
      ['/frames/hd.png', framePng(hd, true)],
      ['/frames/no-code-jpeg.png', framePng({ ...upright, id: 'no-code-jpeg', seed: 36, jpegQuality: 12, noiseSigma: 8 }, false)],
      ['/frames/no-code-dark-screen.png', framePng({ ...darkMode, id: 'no-code-dark', seed: 37 }, false)],
      ['/frames/no-code-hd.png', framePng({ ...hd, id: 'no-code-hd', seed: 38 }, false)],
    ]);
    server = await startServer({ mounts: { '/': pageDir }, files, csp: RENDERER_CSP });
    browser = await launchChromium();
    const opened = await openBenchPage(browser, server.origin);
    page = opened.page;
    blocked = opened.blocked;
    requests = opened.requests;
    await page.evaluate((list) => (globalThis as unknown as BenchWindow).decodeBench.loadFrames(list), [...files.keys()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reads a clean QR of a real card token as exactly that token', async () => {
    const [row] = await decode(['/frames/clean.png']);
    expect(row?.text).toBe(tokens[0]);
  });

  it('answers null for a frame with no QR code in it', async () => {
    const [row] = await decode(['/frames/no-code.png']);
    expect(row?.text).toBeNull();
  });

  it('reads a worn, rotated and tilted card under a lamp', async () => {
    const [row] = await decode(['/frames/worn.png']);
    expect(row?.text).toBe(tokens[3]);
  });

  it('reads a distant card through the enlarged crop when the whole frame yields nothing', async () => {
    const [row] = await decode(['/frames/distant.png']);
    expect(row?.text).toBe(tokens[0]);
  });

  it('reads light modules on a dark ground: a phone in dark mode and a card printed so', async () => {
    const rows = await decode(['/frames/dark-mode.png', '/frames/inverted-card.png']);
    expect(rows.map((r) => r.text)).toEqual([tokens[1], tokens[2]]);
  });

  it("reads a phone screen through the moiré of its pixel grid", async () => {
    const [row] = await decode(['/frames/moire.png']);
    expect(row?.text).toBe(tokens[3]);
  });

  it('reads a card with a thumb over part of the code', async () => {
    const [row] = await decode(['/frames/thumb.png']);
    expect(row?.text).toBe(tokens[0]);
  });

  it('reads a 1280×720 frame of a moving card, compressed as a webcam sends it', async () => {
    const [row] = await decode(['/frames/hd.png']);
    expect(row?.text).toBe(tokens[3]);
  });

  it('never reads anything in frames without a code: heavy JPEG, a dark screen, 1280×720', async () => {
    const rows = await decode(['/frames/no-code-jpeg.png', '/frames/no-code-dark-screen.png', '/frames/no-code-hd.png']);
    expect(rows.map((r) => r.text)).toEqual([null, null, null]);
  });

  it('takes the frame buffer over instead of copying it', async () => {
    const [row] = await decode(['/frames/clean.png']);
    expect(row?.transferred).toBe(true);
  });

  it('decodes one frame at a time: a frame offered meanwhile waits, a newer one replaces it', async () => {
    const burst = ['/frames/clean.png', '/frames/worn.png', '/frames/clean.png'];
    const answers = await page.evaluate((list) => (globalThis as unknown as BenchWindow).decodeBench.decodeBurst(list), burst);
    expect(answers).toEqual([tokens[0], null, tokens[0]]);
  });

  it('answers null, without throwing, for pixels that do not match the frame size', async () => {
    const text = await page.evaluate(() => (globalThis as unknown as BenchWindow).decodeBench.decodeMalformed());
    expect(text).toBeNull();
  });

  it('fetches nothing but the local server: the wasm is a bundled asset', () => {
    expect(blocked).toEqual([]);
    expect(requests.filter((url) => url.endsWith('.wasm')).every((url) => url.startsWith(`${server.origin}/assets/`))).toBe(true);
    expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);
  });
});
