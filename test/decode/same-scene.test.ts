import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import { toGrey } from '../../renderer/src/scanner/decoder/grey-image.js';
import { locateRegions, type Region } from '../../renderer/src/scanner/decoder/locate-code.js';
import { SAME_SCENE_MAX, SAME_SCENE_SHARE, sceneDistance, scenePrint, showsSameScene } from '../../renderer/src/scanner/decoder/same-scene.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { corpusSpecs, type FrameSpec } from './corpus/corpus-spec.mjs';
import { renderFrame } from './corpus/render-frame.mjs';

const modules = loadCardTokens().map((t) => qrModules(t));
/** Tuning frames only (never the measured split). */
const tune = corpusSpecs(
  modules.map((m) => m.size),
  'tune',
);
const byId = (id: string): FrameSpec => tune.find((s) => s.id === id)!;
type Modules = ReturnType<typeof qrModules>;
const render = (spec: FrameSpec, code: Modules | null = modules[spec.tokenIndex!]!): RgbaImage => renderFrame(spec, code) as RgbaImage;

/** A deterministic stream of numbers in [0, 1). */
function stream(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/** Another camera frame of the same still scene: fresh sensor noise of `sigma` grey levels on every pixel. */
function freshNoise(image: RgbaImage, sigma: number, seed = 7): RgbaImage {
  const next = stream(seed);
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const n = Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next()) * sigma;
    data[i] = data[i]! + n;
    data[i + 1] = data[i + 1]! + n;
    data[i + 2] = data[i + 2]! + n;
  }
  return { ...image, data };
}

/** The same card's symbol with about half its data modules flipped: another holder's card of the same size. */
function anotherCard(code: Modules, seed = 3): Modules {
  const next = stream(seed);
  const n = code.size;
  const data = new Uint8Array(code.data);
  const finder = (x: number, y: number): boolean => (x < 9 && y < 9) || (x >= n - 8 && y < 9) || (x < 9 && y >= n - 8) || x === 6 || y === 6;
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (!finder(x, y) && next() < 0.5) data[y * n + x] = data[y * n + x]! ^ 1;
  return { ...code, data };
}

function regionOf(image: RgbaImage): Region {
  const grey = toGrey(image);
  const found = locateRegions(grey.data, grey.width, grey.height);
  expect(found).not.toBeNull();
  return found!.region;
}

describe('a scene print tells a card held still from another card or an empty counter', () => {
  // A card on a counter, a dim counter with gain noise, a phone, a cheap webcam: the kinds a session waits on.
  const ids = ['205-counter', '402-dark-counter', '108-low-contrast', '304-phone-glare', '352-webcam-jpeg', '000-clean'];

  it('a still card under fresh sensor noise and a settling exposure is the same scene', () => {
    for (const id of ids) {
      const image = render(byId(id));
      const print = scenePrint(image, regionOf(image));
      expect(sceneDistance(print, scenePrint(image, print.region)), id).toBe(0);
      // Noise of 8 grey levels on top of what the frame has: a dim counter's gain.
      expect(showsSameScene(print, freshNoise(image, 8)), id).toBe(true);
      const brighter = { ...image, data: image.data.map((v, i) => (i % 4 === 3 ? v : v + 6)) };
      expect(showsSameScene(print, brighter), id).toBe(true);
    }
  });

  it('another card laid in the same place, or the counter without the card, is not', () => {
    for (const id of ids) {
      const spec = byId(id);
      const image = render(spec);
      const print = scenePrint(image, regionOf(image));
      // Same pose, light and noise: only the symbol's data differs.
      const other = render(spec, anotherCard(modules[spec.tokenIndex!]!));
      expect(showsSameScene(print, other), id).toBe(false);
      const counter = render(spec, null);
      expect(showsSameScene(print, counter), id).toBe(false);
    }
  });

  it('a region with little texture of its own matches only a frame that differs by a small share of it', () => {
    // A flat grey region, then the same region with every other block 1.5 levels brighter:
    // within SAME_SCENE_MAX in grey levels, far beyond SAME_SCENE_SHARE of the flat print's spread.
    const flat = (lift: number): RgbaImage => {
      const width = 160;
      const height = 160;
      const data = new Uint8ClampedArray(width * height * 4);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const v = 100 + ((Math.floor(x / 8) + Math.floor(y / 8)) % 2 === 0 ? lift : 0);
          data.set([v, v, v, 255], (y * width + x) * 4);
        }
      }
      return { width, height, data };
    };
    const region = { x0: 0, y0: 0, x1: 160, y1: 160 };
    const print = scenePrint(flat(0), region);
    const other = flat(3);
    expect(sceneDistance(print, scenePrint(other, region))).toBeLessThan(SAME_SCENE_MAX);
    expect(SAME_SCENE_SHARE * print.spread).toBe(0);
    expect(showsSameScene(print, other)).toBe(false);
    expect(showsSameScene(print, flat(0))).toBe(false);
  });

  it('prints of different regions, or of a region with no whole block, never match', () => {
    const image = render(byId('000-clean'));
    const region = regionOf(image);
    const print = scenePrint(image, region);
    const moved = scenePrint(image, { ...region, x0: region.x0 + 8, x1: region.x1 + 8 });
    expect(sceneDistance(print, moved)).toBe(Infinity);
    const sliver = { x0: 10, y0: 10, x1: 14, y1: 200 };
    expect(sceneDistance(scenePrint(image, sliver), scenePrint(image, sliver))).toBe(Infinity);
    // A region reaching past the frame is cut to it.
    expect(scenePrint(image, { x0: -50, y0: -50, x1: 5000, y1: 5000 }).region).toEqual({ x0: 0, y0: 0, x1: image.width, y1: image.height });
  });
});
