import { describe, expect, it } from 'vitest';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { fingerShape } from './corpus/card-texture.mjs';
import { CATEGORIES, corpusSpecs } from './corpus/corpus-spec.mjs';
import { codewordLayout, withinCorrection } from './corpus/qr-codewords.mjs';
import { saturatedModules } from './corpus/render-frame.mjs';

const sizes = loadCardTokens().map((t) => qrModules(t).size);
const measure = corpusSpecs(sizes, 'measure');
const tune = corpusSpecs(sizes, 'tune');
const tune2 = corpusSpecs(sizes, 'tune-2');
const laterTuning = (['tune-3', 'tune-4', 'tune-5'] as const).map((split) => corpusSpecs(sizes, split));

describe('the decode corpus', () => {
  it('draws the measured frames from seeds the tuning splits never use', () => {
    const tuned = new Set([...tune, ...tune2, ...laterTuning.flat()].map((s) => s.seed));
    expect(measure.filter((s) => tuned.has(s.seed))).toEqual([]);
    expect(new Set(measure.map((s) => s.seed)).size).toBe(measure.length);
  });

  it('has every category in every split, from the four real card tokens', () => {
    for (const specs of [measure, tune, tune2, ...laterTuning]) {
      for (const [category, count] of Object.entries(CATEGORIES)) expect(specs.filter((s) => s.category === category)).toHaveLength(count);
      expect(new Set(specs.filter((s) => s.tokenIndex !== null).map((s) => s.tokenIndex))).toEqual(new Set([0, 1, 2, 3]));
    }
  });

  it('keeps a finger within error-correction limits: at most 9% of the modules, never a finder pattern', () => {
    const fingers = [...measure, ...tune].filter((s) => s.finger);
    expect(fingers.length).toBeGreaterThanOrEqual(48);
    for (const spec of fingers) {
      const n = sizes[spec.tokenIndex ?? 0] ?? 0;
      if (!spec.finger) throw new Error(`${spec.id} has no finger`);
      const shape = fingerShape(spec.finger, n);
      expect(shape.cover).toBeLessThanOrEqual(0.09);
      expect(shape.cover).toBeGreaterThan(0.01);
      const finders = [[3.5, 3.5], [n - 3.5, 3.5], [3.5, n - 3.5]];
      // No finder module (8×8 with its separator) lies under the thumb.
      for (const [fx, fy] of finders) {
        for (let dy = -4; dy < 4; dy++) for (let dx = -4; dx < 4; dx++) expect(distance(fx! + dx + 0.5, fy! + dy + 0.5, shape)).toBeGreaterThan(shape.radius);
      }
    }
  });
});

describe('the glare bound', () => {
  it('lays codewords out as ISO 18004 does: every data and EC codeword in its block, ⌊ec/2⌋ correctable', () => {
    // Version 14-M: 9 blocks of 24 EC codewords, 581 codewords; 19-M: 14 blocks of 26, 991.
    const v14 = codewordLayout(73);
    expect([v14.blocks, v14.ecPerBlock, v14.correctable, v14.totalCodewords]).toEqual([9, 24, 12, 581]);
    const v19 = codewordLayout(93);
    expect([v19.blocks, v19.ecPerBlock, v19.correctable, v19.totalCodewords]).toEqual([14, 26, 13, 991]);
    const carried = v14.codewordOf.filter((c) => c >= 0).length;
    expect(carried).toBe(581 * 8);
    // Finder patterns carry no codeword.
    expect(v14.codewordOf[0]).toBe(-1);
    expect(v14.codewordOf[72]).toBe(-1);
  });

  it('keeps every phone-glare frame within what error correction M recovers, and counts the frames it redrew', () => {
    for (const specs of [measure, tune]) {
      const glare = specs.filter((s) => s.category === 'phone-glare');
      for (const spec of glare) {
        const n = sizes[spec.tokenIndex ?? 0] ?? 0;
        const verdict = withinCorrection(n, saturatedModules(spec, n));
        expect(verdict.worstBlock, spec.id).toBeLessThanOrEqual(verdict.correctable);
        expect(spec.boundExcluded ?? -1, spec.id).toBeGreaterThanOrEqual(0);
      }
      // The bound is not vacuous: some raw draws saturate more than M corrects.
      expect(glare.reduce((sum, s) => sum + (s.boundExcluded ?? 0), 0)).toBeGreaterThan(0);
    }
  });
});

function distance(x: number, y: number, { from, to }: { from: number[]; to: number[] }): number {
  const [ax = 0, ay = 0] = from;
  const [bx = 0, by = 0] = to;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
}
