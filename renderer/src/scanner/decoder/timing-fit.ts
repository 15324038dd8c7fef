import type { Triple } from './finder-triples.js';
import type { GreyImage } from './grey-image.js';
import type { Homography } from './homography.js';
import { bilinear } from './pattern-match.js';
import { alternation } from './qr-layout.js';

/**
 * The detector's timing fit (module-grid.ts): a finder triple's foreshortening found from
 * its timing patterns, on a coarse grid of far-finder weights for ranking its guesses and a
 * fine one for fitting those that are drawn.
 */

/**
 * The finders fix three points of the grid; a tilted card's foreshortening along each
 * edge is the one thing they leave open. It is found from the timing patterns (row and
 * column 6, alternating dark and light between the finders): for each edge, the weight
 * of its far finder (how much nearer or further the camera is there) whose samples
 * correlate best with the alternation. A wrong version puts the samples out of step
 * within a few modules, so the correlation (−1 to 1, both lines averaged) also ranks versions.
 */
export function timingFit(grey: GreyImage, t: Triple, n: number, grid: WeightGrid = COARSE): { score: number; start: Homography } {
  // The top-right weight barely moves the column's samples (they lie 3 modules off the
  // line it weighs) and the other way round: one pass each way suffices.
  const across = bestWeight(grid, (w) => timingCorrelation(grey, t, n, w, 1, 'across', grid.across));
  const down = bestWeight(grid, (w) => timingCorrelation(grey, t, n, across.weight, w, 'down', grid.across));
  return { score: (across.score + down.score) / 2, start: weighted(t, n, across.weight, down.weight) };
}

/**
 * Where a timing module is sampled, across its line (modules): gain noise averages out
 * over the module's width while the alternation along the line stays sharp.
 */
const ACROSS_LINE: readonly number[] = [-0.25, 0, 0.25];

/**
 * Far-finder weights tried, by their logarithm: foreshortening up to about 1.8 either way.
 * One coarse step moves the middle of a long timing line by 1.5 modules, out of step with
 * the alternation, so the true weight's narrow peak can fall between two coarse ones: the
 * coarse grid ranks the guesses, the fine one fits those that are drawn.
 */
export interface WeightGrid {
  step: number;
  count: number;
  /** Where a timing module is sampled, across its line (see ACROSS_LINE). */
  across: readonly number[];
}
const COARSE: WeightGrid = { step: 0.075, count: 17, across: [0] };
export const FINE: WeightGrid = { step: 0.025, count: 49, across: ACROSS_LINE };
/** Halving steps around the best weight of the grid. */
const WEIGHT_REFINEMENTS = 2;

/** The weight whose timing correlation is highest, on the grid and then refined. */
function bestWeight(grid: WeightGrid, correlation: (weight: number) => number): { weight: number; score: number } {
  let best = { log: 0, score: -Infinity };
  const half = (grid.count - 1) / 2;
  for (let i = 0; i < grid.count; i++) {
    const log = (i - half) * grid.step;
    const score = correlation(Math.exp(log));
    if (score > best.score) best = { log, score };
  }
  for (let k = 1; k <= WEIGHT_REFINEMENTS; k++) {
    const step = grid.step / 2 ** k;
    const centre = best.log;
    for (const log of [centre - step, centre + step]) {
      const score = correlation(Math.exp(log));
      if (score > best.score) best = { log, score };
    }
  }
  return { weight: Math.exp(best.log), score: best.score };
}

/**
 * The exact projection through the three finder centres when the top-right and bottom-left
 * finders' homogeneous weights are `across` and `down` (the top-left's being 1): a point's
 * image is the weighted mean of the three centres by its barycentric coordinates.
 */
function weighted(t: Triple, n: number, across: number, down: number): Homography {
  const span = n - 7;
  return {
    map(u: number, v: number): [number, number] {
      const a = ((u - 3.5) / span) * across;
      const b = ((v - 3.5) / span) * down;
      const c = 1 - (u - 3.5) / span - (v - 3.5) / span;
      const w = a + b + c;
      return [(c * t.tl.x + a * t.tr.x + b * t.bl.x) / w, (c * t.tl.y + a * t.tr.y + b * t.bl.y) / w];
    },
  };
}

/**
 * Correlation of one timing line's samples with the alternation it should show, under
 * weighted(t, n, across, down). The hottest loop of the detector (every guess, every
 * weight): the projection is inlined.
 */
function timingCorrelation(grey: GreyImage, t: Triple, n: number, across: number, down: number, line: 'across' | 'down', offsets: readonly number[]): number {
  const span = n - 7;
  return alternation(n, (i) => {
    let value = 0;
    for (const d of offsets) {
      const s = ((line === 'across' ? i + 0.5 : 6.5 + d) - 3.5) / span;
      const r = ((line === 'across' ? 6.5 + d : i + 0.5) - 3.5) / span;
      const a = s * across;
      const b = r * down;
      const c = 1 - s - r;
      const w = a + b + c;
      value += bilinear(grey, (c * t.tl.x + a * t.tr.x + b * t.bl.x) / w, (c * t.tl.y + a * t.tr.y + b * t.bl.y) / w);
    }
    return value;
  });
}
