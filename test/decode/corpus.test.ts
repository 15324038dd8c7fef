import { describe, expect, it } from 'vitest';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { fingerShape } from './corpus/card-texture.mjs';
import { CATEGORIES, corpusSpecs } from './corpus/corpus-spec.mjs';

const sizes = loadCardTokens().map((t) => qrModules(t).size);
const measure = corpusSpecs(sizes, 'measure');
const tune = corpusSpecs(sizes, 'tune');

describe('the decode corpus', () => {
  it('draws the measured frames from seeds the tuning split never uses', () => {
    const tuned = new Set(tune.map((s) => s.seed));
    expect(measure.filter((s) => tuned.has(s.seed))).toEqual([]);
    expect(new Set(measure.map((s) => s.seed)).size).toBe(measure.length);
  });

  it('has every category in both splits, from the four real card tokens', () => {
    for (const specs of [measure, tune]) {
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

function distance(x: number, y: number, { from, to }: { from: number[]; to: number[] }): number {
  const [ax = 0, ay = 0] = from;
  const [bx = 0, by = 0] = to;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2 || 1)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay));
}
