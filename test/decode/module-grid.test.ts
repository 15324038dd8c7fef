import { beforeAll, describe, expect, it } from 'vitest';
import { cropGrey } from '../../renderer/src/scanner/decoder/crop-enlarge.js';
import { CameraDecoder } from '../../renderer/src/scanner/decoder/camera-decoder.js';
import { decodeFrame, type PassKind } from '../../renderer/src/scanner/decoder/decode-pipeline.js';
import { toGrey, type RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import { locateRegions } from '../../renderer/src/scanner/decoder/locate-code.js';
import { crossedByBand } from '../../renderer/src/scanner/decoder/band-crop.js';
import { finderCrossings, finderStacks, smoothedFinders } from '../../renderer/src/scanner/decoder/finder-texture.js';
import { distinct, inferredTriples, triples, versionsNear } from '../../renderer/src/scanner/decoder/finder-triples.js';
import { gridCandidates, redrawnCodeSteps } from '../../renderer/src/scanner/decoder/module-grid.js';
import { sampleBits } from '../../renderer/src/scanner/decoder/module-sample.js';
import { functionModules } from '../../renderer/src/scanner/decoder/qr-layout.js';
import { finderLevels } from '../../renderer/src/scanner/decoder/pattern-match.js';
import { looksInverted } from '../../renderer/src/scanner/decoder/polarity.js';
import { restoreContrast } from '../../renderer/src/scanner/decoder/restore-contrast.js';
import { corpusSpecs, type FrameSpec } from './corpus/corpus-spec.mjs';
import { renderFrame } from './corpus/render-frame.mjs';
import { forgedMarks } from './forged-marks.js';
import { trueGrid } from './true-grid.js';
import { cropOf, finderImages, frame, modules, reads, tokens, tuningFrame } from './tuning-frames.js';
import { prepareZxing, zxingReader } from './zxing-reader.js';

const reader = zxingReader;

/** Dim-counter frames of the "tune" split (never the measured one) that ZXing's own detector misses. */
const specs = corpusSpecs(
  modules.map((m) => m.size),
  'tune',
).filter((s) => s.category === 'dark-counter');

beforeAll(async () => {
  // The .wasm from node_modules: nothing is fetched.
  await prepareZxing();
});

describe('our own QR detector (module-grid.ts)', () => {
  const dim = specs.find((s) => s.id === '402-dark-counter')!;

  it('fits the grid of a dim, tilted, blurred code to within a pixel at all four corners', () => {
    const rendered = frame(dim);
    const grey = toGrey(rendered as RgbaImage);
    const { region } = locateRegions(grey.data, grey.width, grey.height)!;
    const crop = cropGrey(grey, region);
    const first = gridCandidates(finderImages(crop), crop).next();
    expect(first.done).toBe(false);
    const { version, grid } = first.value!;
    const n = 17 + 4 * version;
    expect(n).toBe(modules[dim.tokenIndex!]!.size);
    const corners = [grid.map(0, 0), grid.map(n, 0), grid.map(n, n), grid.map(0, n)];
    corners.forEach(([x, y], i) => {
      const [tx, ty] = rendered.geometry.corners[i]!;
      expect(Math.hypot(x - (tx! - region.x0), y - (ty! - region.y0))).toBeLessThan(1);
    });
  });

  it('reads that frame only through the re-drawn code: every other look misses it', async () => {
    const rendered = frame(dim) as RgbaImage;
    await reads(dim, rendered);
  });

  it('re-draws nothing that decodes from a counter without a code, even with finder-like marks on it', async () => {
    // A forger's "code" with no valid Reed–Solomon blocks must read as nothing.
    const passes: PassKind[] = [];
    const read = reader();
    const text = await decodeFrame(forgedMarks(), (image, pass) => {
      passes.push(pass);
      return read(image, pass);
    });
    // The finders pass every gate, so the re-drawn codes are tried, and read as nothing.
    expect(passes).toContain('drawn');
    expect(text).toBeNull();
  });
});

/** The first grid our detector fits, as the distance (px) of its four corners from the true ones. */
function firstGridError(spec: FrameSpec): number[] {
  const { crop, truth, n } = cropOf(spec);
  const first = gridCandidates(finderImages(crop), crop).next();
  expect(first.done).toBe(false);
  expect(17 + 4 * first.value!.version).toBe(n);
  return ([[0, 0], [n, 0], [n, n], [0, n]] as const).map(([u, v]) => {
    const [x, y] = first.value!.grid.map(u, v);
    const [tx, ty] = truth.map(u, v);
    return Math.hypot(x - tx, y - ty);
  });
}

describe('our detector on the dim counter\'s hard frames (tuning split)', () => {
  const byId = (id: string): FrameSpec => specs.find((s) => s.id === id)!;

  it('infers a finder that gain noise hid from the two it sees, and reads the code through it', async () => {
    const spec = byId('407-dark-counter');
    const { crop, truth, n, rendered } = cropOf(spec);
    const centres = [truth.map(3.5, 3.5), truth.map(n - 3.5, 3.5), truth.map(3.5, n - 3.5)];
    const stacks = distinct(finderImages(crop).flatMap((image) => finderStacks(image, 3)));
    const seen = centres.filter(([x, y]) => stacks.some((s) => Math.hypot(s.x - x, s.y - y) < 3));
    expect(seen).toHaveLength(2);
    const inferred = inferredTriples(stacks.sort((a, b) => b.rows - a.rows).slice(0, 8), crop).flatMap((t) => [t.tl, t.tr, t.bl].filter((f) => f.rows === 0));
    const [hx, hy] = centres.find((c) => !seen.includes(c))!;
    expect(Math.min(...inferred.map((f) => Math.hypot(f.x - hx, f.y - hy)))).toBeLessThan(2);
    await reads(spec, rendered);
  });

  it('reads a code whose top-left finder a glare washed out: the third place taken as it is, the information beside the other two deciding', async () => {
    const glare = tuningFrame('tune', '176-glare');
    const { crop, truth } = cropOf(glare);
    const { light, dark } = finderLevels(crop, truth, 0, 0);
    // The glare leaves the top-left finder's light ring and dark modules within 25 grey levels of each other.
    expect(light - dark).toBeLessThan(25);
    const rendered = frame(glare) as RgbaImage;
    await reads(glare, rendered);
  });

  it('reads a phone whose glare band ended the crop at a finder: the finder inferred at the crop\'s edge', async () => {
    const phone = tuningFrame('tune', '306-phone-glare');
    const { truth, n } = cropOf(phone);
    const [, y] = truth.map(n - 3.5, 3.5);
    const module = Math.hypot(truth.map(1, 0)[0] - truth.map(0, 0)[0], truth.map(1, 0)[1] - truth.map(0, 0)[1]);
    // The top-right finder's centre lies less than its 3.5 modules from the crop's top edge.
    expect(y).toBeLessThan(3.5 * module);
    const rendered = frame(phone) as RgbaImage;
    await reads(phone, rendered);
  });

  it('reads a phone whose glare band ended the busy region short of both top finders: the detector on the crop grown past the band', async () => {
    const phone = tuningFrame('tune-2', '309-phone-glare');
    const { crop, truth, n, rendered } = cropOf(phone);
    // Both top finders' centres lie above the crop (the band washed the code's top rows out of the busy region).
    expect(truth.map(3.5, 3.5)[1]).toBeLessThan(0);
    expect(truth.map(n - 3.5, 3.5)[1]).toBeLessThan(0);
    expect(crossedByBand(crop)).toBe(true);
    await reads(phone, rendered);
  });

  it('reads a phone whose band washed a finder out and a quarter of the modules near full scale, past the busy region\'s edge', async () => {
    const phone = tuningFrame('tune-2', '305-phone-glare');
    const { crop, truth, n, rendered } = cropOf(phone);
    // The bottom-left finder lies below the crop, its dark and light modules within 10 grey levels.
    expect(truth.map(3.5, n - 3.5)[1]).toBeGreaterThan(crop.height);
    const { light, dark } = finderLevels(toGrey(rendered), trueGrid(frame(phone), n), 0, n - 7);
    expect(light - dark).toBeLessThan(10);
    await reads(phone, rendered);
  });

  it('reads the modules a band leaves a few grey levels apart against their near neighbours: a quarter fewer wrong on the true grid', () => {
    const phone = tuningFrame('tune-2', '305-phone-glare');
    const rendered = frame(phone);
    const { size: n, data: truthModules } = modules[phone.tokenIndex!]!;
    const bits = sampleBits(toGrey(rendered as RgbaImage), trueGrid(rendered, n), n);
    const fixed = functionModules((n - 17) / 4);
    let wrong = 0;
    for (let i = 0; i < n * n; i++) if (fixed[i] === -1 && bits[i] !== truthModules[i]) wrong++;
    // 199 of the data modules read wrong against the mean of the 13 × 13 modules around each.
    expect(wrong).toBeLessThan(160);
  });

  it('reads an inverted code at the frame\'s edge, whose crop has no dark ring to tell it by: its finders show once flipped', async () => {
    const edge = tuningFrame('tune', '279-inverted');
    const rendered = frame(edge) as RgbaImage;
    const grey = toGrey(rendered);
    const { region } = locateRegions(grey.data, grey.width, grey.height)!;
    expect(region.y1).toBe(grey.height);
    expect(looksInverted(cropGrey(grey, region))).toBe(false);
    expect(await decodeFrame({ ...rendered, data: new Uint8ClampedArray(rendered.data) }, reader())).toBe(tokens[edge.tokenIndex!]);
  });

  it('finds a steep foreshortening on the fine grid of weights: the far corner within a pixel, not 50 px off', () => {
    for (const error of firstGridError(byId('411-dark-counter'))) expect(error).toBeLessThan(1);
  });

  it('matches the finders again under the fitted grid: corners within a pixel where the stacks put two finders 2 px off', () => {
    for (const error of firstGridError(byId('425-dark-counter'))) expect(error).toBeLessThan(1);
  });

  it('draws nothing that decodes from two finder-like marks around noise', async () => {
    const passes: PassKind[] = [];
    const read = reader();
    const text = await decodeFrame(forgedMarks([[0, 0], [43, 0]], 11), (image, pass) => {
      passes.push(pass);
      return read(image, pass);
    });
    expect(passes.length).toBeGreaterThan(1);
    expect(text).toBeNull();
  });
});

describe('the detector\'s cost before its first code', () => {
  it('draws the best-shaped triple\'s code as soon as that triple is fitted, not after every triple\'s timing fits', async () => {
    const spec = tuningFrame('tune', '332-phone-cracked');
    const { crop } = cropOf(spec);
    const finders = finderImages(crop);
    const stacks = distinct(finders.flatMap((image) => finderStacks(image, 3)))
      .sort((a, b) => b.rows - a.rows)
      .slice(0, 8);
    const all = triples(stacks).slice(0, 6);
    expect(all.length).toBeGreaterThan(1);
    // Pauses before the first code: the stacks, the first triple's timing fits (two per
    // version) and information reads (at most one per fit), its fine fit and its grid.
    const firstTriple = 1 + 2 * versionsNear(all[0]!).length * 2 + 2;
    let pauses = 0;
    let first: RgbaImage | null = null;
    for (const step of redrawnCodeSteps(finders, crop)) {
      if (step !== null) {
        first = step;
        break;
      }
      pauses++;
    }
    expect(pauses).toBeLessThanOrEqual(firstTriple);
    expect(await reader()(first!, 'drawn')).toBe(tokens[spec.tokenIndex!]);
  });
});

describe('fallback looks spread over consecutive camera frames', () => {
  const dim = specs.find((s) => s.id === '402-dark-counter')!;

  it('gives each camera frame the whole-frame look and a time slice of the fallback looks, in decodeFrame\'s order; the dim code is read by the detector', async () => {
    const rendered = frame(dim) as RgbaImage;
    const copy = (): RgbaImage => ({ ...rendered, data: new Uint8ClampedArray(rendered.data) });
    const read = reader();
    const still: PassKind[] = [];
    expect(
      await decodeFrame(copy(), (image, pass) => {
        still.push(pass);
        return read(image, pass);
      }),
    ).toBe(tokens[dim.tokenIndex!]);
    // A fake clock: every read costs 10 ms, every pause point 1 ms; 30 ms a frame in all (its whole-frame look's 10 included).
    let t = 0;
    const passes: PassKind[][] = [];
    const camera = new CameraDecoder(
      (image, pass) => {
        t += 10;
        passes.at(-1)!.push(pass);
        return read(image, pass);
      },
      () => t++,
      30,
    );
    let text: string | null = null;
    while (text === null && passes.length < 12) {
      passes.push([]);
      text = await camera.decode(copy());
    }
    expect(text).toBe(tokens[dim.tokenIndex!]);
    expect(camera.pending).toBe(false);
    expect(passes.length).toBeGreaterThan(1);
    for (const frame of passes) {
      expect(frame[0]).toBe('frame');
      // Never more than the budget allows: two reads and the one step that crossed it.
      expect(frame.filter((p) => p !== 'frame').length).toBeLessThanOrEqual(3);
    }
    // The same looks as the still image's, in the same order, each frame's whole-frame look apart.
    expect(passes.flatMap((f) => f.slice(1))).toEqual(still.slice(1));
    expect(still.at(-1)).toBe('drawn');
  });
});

/** Frames of the second tuning split ("tune-2"; never the measured one). */
const tune2 = corpusSpecs(
  modules.map((m) => m.size),
  'tune-2',
);
const tune2Frame = (id: string): FrameSpec => tune2.find((s) => s.id === id)!;

describe('our detector on a dim counter\'s steep tilts and noise-broken finders (tuning split tune-2)', () => {
  it('gives a crop the detector when gain noise broke every finder\'s rows but the crop smoothed shows them', async () => {
    const spec = tune2Frame('421-dark-counter');
    const { crop } = cropOf(spec);
    const [restored, smoothed] = finderImages(crop);
    expect(finderCrossings(restored!)).toBe(0);
    expect(finderCrossings(smoothed!)).toBeGreaterThanOrEqual(2);
    const rendered = frame(spec) as RgbaImage;
    expect(await decodeFrame(rendered, reader())).toBe(tokens[spec.tokenIndex!]);
  });

  it('smooths the crop of a counter without a code for the finder gate only when it shows many broken finder-like stacks', () => {
    // Two frames without a code of tune-2 whose crops show no finder-like stack, one of them
    // with the most broken ones (4) of any such frame of the tuning splits: not smoothed.
    for (const id of ['467-empty', '255-empty']) {
      const spec = tune2Frame(id);
      expect(spec.tokenIndex ?? null).toBeNull();
      const grey = toGrey(renderFrame(spec, null) as RgbaImage);
      const crop = cropGrey(grey, locateRegions(grey.data, grey.width, grey.height)!.region);
      const restored = restoreContrast(crop, 1, 6);
      expect(finderCrossings(restored)).toBe(0);
      expect(smoothedFinders(crop, restored).smoothed).toBeNull();
    }
    // The dim code whose finders the noise broke is smoothed, and its finders show.
    const { crop } = cropOf(tune2Frame('421-dark-counter'));
    expect(smoothedFinders(crop, restoreContrast(crop, 1, 6)).finders).toBeGreaterThanOrEqual(2);
  });

  it('takes a two-row stack beyond the search as the hidden finder when it matches like one in its own frame', async () => {
    const spec = tune2Frame('435-dark-counter');
    const { crop, truth } = cropOf(spec);
    const images = finderImages(crop);
    const all = distinct(images.flatMap((image) => finderStacks(image, 2)));
    const stacks = all.filter((s) => s.rows >= 3).sort((a, b) => b.rows - a.rows).slice(0, 8);
    const [hx, hy] = truth.map(3.5, 3.5);
    // The top-left finder shows as a weak stack only, 40 px from where the two seen put it.
    expect(stacks.some((s) => Math.hypot(s.x - hx, s.y - hy) < 3)).toBe(false);
    expect(all.some((s) => s.rows === 2 && Math.hypot(s.x - hx, s.y - hy) < 3)).toBe(true);
    const weak = all.filter((s) => s.rows === 2);
    const thirds = inferredTriples(stacks, crop, weak).map((t) => t.tl);
    expect(Math.min(...thirds.map((f) => Math.hypot(f.x - hx, f.y - hy)))).toBeLessThan(1.5);
    await reads(spec);
  });

  it('finds a hidden finder no stack marks by matching the best places around its place in their own frames', async () => {
    const spec = tune2Frame('427-dark-counter');
    const { crop, truth } = cropOf(spec);
    const all = distinct(finderImages(crop).flatMap((image) => finderStacks(image, 2)));
    const [hx, hy] = truth.map(3.5, 3.5);
    // Nothing finder-like within 3 px of the top-left finder, even on two rows.
    expect(all.some((s) => Math.hypot(s.x - hx, s.y - hy) < 3)).toBe(false);
    await reads(spec);
  });

  it('fits the hidden finder among the eight best places of a finder pattern: a large code\'s small modules under gain noise score like a finder at many places', async () => {
    // Version 19 at 3 px a module: the bottom-left finder shows no stack and was the 5th–8th best place.
    const spec = tuningFrame('tune', '423-dark-counter');
    expect(modules[spec.tokenIndex!]!.size).toBe(93);
    const { crop, truth, n } = cropOf(spec);
    const all = distinct(finderImages(crop).flatMap((image) => finderStacks(image, 3)));
    const [hx, hy] = truth.map(3.5, n - 3.5);
    expect(all.some((s) => Math.hypot(s.x - hx, s.y - hy) < 3)).toBe(false);
    await reads(spec);
  });

  it('reads a dim code\'s modules with half their neighbours\' blur taken out: a code whose modules read wrong in too many codewords at 0.3', async () => {
    await reads(tuningFrame('tune-3', '410-dark-counter'));
  });

  it('reads a dim code\'s modules again with the blur their neighbours\' bits predict taken out: a code beyond error correction after one pass', async () => {
    await reads(tuningFrame('tune-4', '424-dark-counter'));
    await reads(tuningFrame('tune-2', '416-dark-counter'));
  });

  it('takes a hidden finder matching half as well as the weaker seen one in its own frame', async () => {
    await reads(tuningFrame('tune-4', '427-dark-counter'));
  });

  it('fits a steep tilt through the finders\' own frames where the timing lines correlate best at a wrong foreshortening', async () => {
    const spec = tune2Frame('417-dark-counter');
    const { crop, truth, n } = cropOf(spec);
    const first = gridCandidates(finderImages(crop), crop, 'further').next();
    expect(first.done).toBe(false);
    expect(17 + 4 * first.value!.version).toBe(n);
    for (const [u, v] of [
      [0, 0],
      [n, 0],
      [n, n],
      [0, n],
    ] as const) {
      const [x, y] = first.value!.grid.map(u, v);
      const [tx, ty] = truth.map(u, v);
      expect(Math.hypot(x - tx, y - ty)).toBeLessThan(1);
    }
    await reads(spec);
  });

  it('gives the own-frame looks last, after every look a frame had before them, so they delay no other read', async () => {
    for (const id of ['417-dark-counter', '435-dark-counter', '427-dark-counter']) {
      const spec = tune2Frame(id);
      const rendered = frame(spec) as RgbaImage;
      const read = reader();
      const passes: PassKind[] = [];
      const text = await decodeFrame(rendered, (image, pass) => {
        passes.push(pass);
        return read(image, pass);
      });
      expect(text).toBe(tokens[spec.tokenIndex!]);
      // Read by a re-drawn code only after the last stage's crop looks (the denoised crop,
      // the smoothed crop) were given.
      expect(passes.at(-1)).toBe('drawn');
      expect(passes.indexOf('crop-denoise')).toBeGreaterThanOrEqual(0);
      expect(passes.lastIndexOf('crop')).toBeGreaterThan(passes.indexOf('crop-denoise'));
    }
  });
});
