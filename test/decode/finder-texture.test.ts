import { describe, expect, it } from 'vitest';
import { decodeFrame, type PassKind } from '../../renderer/src/scanner/decoder/decode-pipeline.js';
import { finderCrossings } from '../../renderer/src/scanner/decoder/finder-texture.js';
import type { GreyImage, RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import { restoreContrast } from '../../renderer/src/scanner/decoder/restore-contrast.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';

/** xorshift32, so the noise is the same every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** A 640×480 grey scene: a counter at 90 with text-like notices, optionally a card's QR (modules of `module` px) with noise. */
function scene(withCode: boolean, module = 2.6, noise = 8, seed = 1): GreyImage {
  const width = 640;
  const height = 480;
  const data = new Uint8Array(width * height);
  const rand = prng(seed);
  for (let i = 0; i < data.length; i++) data[i] = 90;
  // A printed notice: lines of words (dark dashes of random length on white).
  for (let y = 20; y < 460; y++) for (let x = 420; x < 620; x++) data[y * width + x] = 220;
  for (let line = 0; line < 40; line++) {
    const y0 = 30 + line * 10;
    let x = 430;
    while (x < 600) {
      const word = 6 + Math.floor(rand() * 30);
      for (let y = y0; y < y0 + 5; y++) for (let k = x; k < Math.min(610, x + word); k++) data[y * width + k] = 40;
      x += word + 4 + Math.floor(rand() * 6);
    }
  }
  if (withCode) {
    const { size, data: modules } = qrModules(loadCardTokens()[2]!);
    const side = (size + 8) * module;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const mx = Math.floor(x / module) - 4;
        const my = Math.floor(y / module) - 4;
        const dark = mx >= 0 && my >= 0 && mx < size && my < size && modules[my * size + mx] === 1;
        data[(60 + y) * width + 60 + x] = dark ? 50 : 200;
      }
    }
  }
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + (rand() + rand() + rand() - 1.5) * 2 * noise));
  return { width, height, data };
}

function rgba(grey: GreyImage): RgbaImage {
  const data = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let i = 0; i < grey.data.length; i++) data.set([grey.data[i]!, grey.data[i]!, grey.data[i]!, 255], i * 4);
  return { width: grey.width, height: grey.height, data };
}

describe('finder-like texture', () => {
  it('finds the stacked finders of a noisy QR with modules of 2.6 px', () => {
    expect(finderCrossings(restoreContrast(scene(true), 1, 6))).toBeGreaterThanOrEqual(3);
  });

  it('finds none in a counter with a printed notice and sensor noise', () => {
    expect([1, 2, 3, 4, 5, 6].map((seed) => finderCrossings(restoreContrast(scene(false, 2.6, 8, seed), 1, 6)))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('the cost of a frame without a code', () => {
  it('stops after the whole-frame look when the busiest region holds nothing like a finder', async () => {
    const passes: PassKind[] = [];
    const text = await decodeFrame(rgba(scene(false)), (_image, pass) => {
      passes.push(pass);
      return Promise.resolve(null);
    });
    expect(text).toBeNull();
    expect(passes).toEqual(['frame']);
  });

  it('still gives a frame with a code every fallback look when the reader misses', async () => {
    const passes: PassKind[] = [];
    await decodeFrame(rgba(scene(true)), (_image, pass) => {
      passes.push(pass);
      return Promise.resolve(null);
    });
    expect(passes.length).toBeGreaterThanOrEqual(4);
  });
});
