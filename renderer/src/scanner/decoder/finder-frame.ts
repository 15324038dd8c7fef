import type { GreyImage } from './grey-image.js';
import type { Homography } from './homography.js';
import { bilinear } from './pattern-match.js';

/** A finder's local module frame: the pixel vectors of one module across (u) and down (v) the code. */
export interface ModuleFrame {
  ux: number;
  uy: number;
  vx: number;
  vy: number;
}

/** A finder matched in its own frame: its centre (px), the frame and how well it matches (light rings minus dark, in grey levels). */
export interface FittedFinder {
  x: number;
  y: number;
  frame: ModuleFrame;
  score: number;
}

/**
 * Module sizes a fit starts from, as shares of the guessed one: a steep tilt shrinks a far
 * finder's modules by up to a third, and a whole-pattern match started too large settles
 * off the finder (its outer ring on the separator).
 */
const START_SCALES: readonly number[] = [1, 0.8, 0.65];
/** Turns (radians) and scalings of one axis tried, coarse to fine; the centre moves by a sixth of a module at each. */
const STEPS: readonly number[] = [0.12, 0.06, 0.03];
/** Rounds of trials per step, at most (a round that improves nothing ends the step). */
const MAX_ROUNDS = 6;

/** The affine map from module coordinates around (x, y), (0, 0) at the centre. */
export function frameAt(x: number, y: number, f: ModuleFrame): Homography {
  return { map: (u, v) => [x + u * f.ux + v * f.vx, y + u * f.uy + v * f.vy] };
}

/**
 * The finder near (x, y) matched as a whole 9×9-module pattern (with its light separator)
 * in the frame that fits it best: each axis turned and scaled on its own (a tilted card's
 * far finder is a parallelogram whose modules are smaller than the near finders') and the
 * centre moved, hill-climbing from a few start sizes. A finder's own frame sets its match
 * apart from the data around it: at 2.5 px modules a pattern matched in the near finders'
 * frame scores a third of what it scores in its own, no more than data does.
 */
export function fitFinder(grey: GreyImage, x: number, y: number, start: ModuleFrame, scales: readonly number[] = START_SCALES): FittedFinder {
  // Each start size on the coarse step, the best of them on the finer ones.
  let best: FittedFinder | null = null;
  for (const k of scales) {
    const frame = { ux: start.ux * k, uy: start.uy * k, vx: start.vx * k, vy: start.vy * k };
    const fitted = fitFrom(grey, { x, y, frame, score: finderScore(grey, x, y, frame) }, STEPS.slice(0, 1));
    if (best === null || fitted.score > best.score) best = fitted;
  }
  return fitFrom(grey, best!, STEPS.slice(1));
}

function fitFrom(grey: GreyImage, from: FittedFinder, steps: readonly number[]): FittedFinder {
  let best = from;
  const tryOne = (x: number, y: number, frame: ModuleFrame): boolean => {
    const score = finderScore(grey, x, y, frame);
    if (score <= best.score) return false;
    best = { x, y, frame, score };
    return true;
  };
  for (const step of steps) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let improved = false;
      const f = best.frame;
      const move = (step / 0.72) * Math.sqrt(Math.abs(f.ux * f.vy - f.uy * f.vx));
      for (const [dx, dy] of [
        [move, 0],
        [-move, 0],
        [0, move],
        [0, -move],
      ] as const) {
        if (tryOne(best.x + dx, best.y + dy, best.frame)) improved = true;
      }
      for (const axis of ['u', 'v'] as const) {
        for (const [turn, scale] of [
          [step, 1],
          [-step, 1],
          [0, 1 + step],
          [0, 1 - step],
        ] as const) {
          if (tryOne(best.x, best.y, transformed(best.frame, axis, turn, scale))) improved = true;
        }
      }
      if (!improved) break;
    }
  }
  return best;
}

/**
 * How well a finder with its separator matches at (x, y) in frame f: the mean of its light
 * rings (2 and 4 modules from the centre) minus the mean of its dark modules, each read at
 * its centre. Nothing allocated: the fit's inner loop.
 */
export function finderScore(grey: GreyImage, x: number, y: number, f: ModuleFrame, sparse = false): number {
  let light = 0;
  let dark = 0;
  for (let j = -4; j <= 4; j++) {
    for (let i = -4; i <= 4; i++) {
      // Sparse: the cells on the axes and diagonals only (16 light, 17 dark), a grid search's quick look.
      if (sparse && i !== 0 && j !== 0 && i !== j && i !== -j) continue;
      const value = bilinear(grey, x + i * f.ux + j * f.vx, y + i * f.uy + j * f.vy);
      const ring = Math.max(Math.abs(i), Math.abs(j));
      if (ring === 2 || ring === 4) light += value;
      else dark += value;
    }
  }
  return sparse ? light / 16 - dark / 17 : light / 48 - dark / 33;
}

/**
 * The places within `reach` px of (x, y) where a finder in frame f, or in f shrunk to
 * START_SCALES of it, matches best (sparse pattern, on a grid a module apart): up to
 * `count`, at least 3 modules apart, best first.
 */
export function finderPeaks(grey: GreyImage, x: number, y: number, reach: number, f: ModuleFrame, count: number): Array<{ x: number; y: number }> {
  const module = Math.sqrt(Math.abs(f.ux * f.vy - f.uy * f.vx));
  const x0 = Math.max(0, x - reach);
  const y0 = Math.max(0, y - reach);
  const x1 = Math.min(grey.width, x + reach);
  const y1 = Math.min(grey.height, y + reach);
  const xs: number[] = [];
  const ys: number[] = [];
  const scores: number[] = [];
  for (const k of START_SCALES) {
    const frame = { ux: f.ux * k, uy: f.uy * k, vx: f.vx * k, vy: f.vy * k };
    // A module apart, but never more than MAX_PEAK_POINTS places a scale: two tiny
    // finder-like marks far apart must not make one step of the search unbounded.
    const step = Math.max(1, module * k, Math.sqrt(((x1 - x0 + 1) * (y1 - y0 + 1)) / MAX_PEAK_POINTS));
    for (let cy = y0; cy <= y1; cy += step) {
      for (let cx = x0; cx <= x1; cx += step) {
        xs.push(cx);
        ys.push(cy);
        scores.push(finderScore(grey, cx, cy, frame, true));
      }
    }
  }
  const peaks: Array<{ x: number; y: number }> = [];
  const apart = 3 * module;
  while (peaks.length < count) {
    let best = -1;
    for (let i = 0; i < scores.length; i++) {
      if (scores[i]! > -Infinity && (best < 0 || scores[i]! > scores[best]!)) best = i;
    }
    if (best < 0) break;
    const peak = { x: xs[best]!, y: ys[best]! };
    peaks.push(peak);
    for (let i = 0; i < scores.length; i++) if (Math.hypot(xs[i]! - peak.x, ys[i]! - peak.y) < apart) scores[i] = -Infinity;
  }
  return peaks;
}

/** Places of a finder pattern finderPeaks scores at each module size, at most (a few milliseconds of sparse matches). */
const MAX_PEAK_POINTS = 4000;

/** The frame with one axis turned by `turn` radians and scaled by `scale`. */
function transformed(f: ModuleFrame, axis: 'u' | 'v', turn: number, scale: number): ModuleFrame {
  const c = Math.cos(turn) * scale;
  const s = Math.sin(turn) * scale;
  return axis === 'u' ? { ...f, ux: f.ux * c - f.uy * s, uy: f.ux * s + f.uy * c } : { ...f, vx: f.vx * c - f.vy * s, vy: f.vx * s + f.vy * c };
}
