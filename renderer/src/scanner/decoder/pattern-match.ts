import type { GreyImage } from './grey-image.js';
import type { Correspondence, Homography } from './homography.js';

/** A pattern is taken only where its light and dark rings differ by this share of the finder's contrast. */
const MIN_PATTERN_CONTRAST = 0.4;

export function residual(h: Homography, p: Correspondence): number {
  const [x, y] = h.map(p.u, p.v);
  return Math.hypot(x - p.x, y - p.y);
}

export function moduleAt(h: Homography, u: number, v: number): number {
  const [x0, y0] = h.map(u, v);
  const [x1, y1] = h.map(u + 1, v + 1);
  return Math.hypot(x1 - x0, y1 - y0) / Math.SQRT2;
}

/** Light minus dark of the top-left finder under the fit: its ring of light modules against its centre and outer ring. */
export function finderContrast(grey: GreyImage, h: Homography): number {
  const { light, dark } = finderLevels(grey, h, 0, 0);
  return light - dark;
}

/** The mean grey of the light ring and of the dark modules of the finder whose top-left module is (u, v). */
export function finderLevels(grey: GreyImage, h: Homography, u: number, v: number): { light: number; dark: number } {
  let light = 0;
  let dark = 0;
  let nl = 0;
  let nd = 0;
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      const [px, py] = h.map(u + x + 0.5, v + y + 0.5);
      const value = bilinear(grey, px, py);
      if (ring === 2) {
        light += value;
        nl++;
      } else {
        dark += value;
        nd++;
      }
    }
  }
  return { light: light / nl, dark: dark / nd };
}

/** Rings (Chebyshev distance from the centre module) of a pattern that are light. */
export const ALIGNMENT: Pattern = { radius: 2, light: [1] };
export const FINDER: Pattern = { radius: 4, light: [2, 4] };
export const FINDER_SPARSE: Pattern = { ...FINDER, sparse: true };

/**
 * A pattern (an alignment pattern, or a finder with its separator) near module (u, v): the
 * offset within `reach` modules where its light rings stand out most from its dark ones.
 * Null when nothing there stands out by MIN_PATTERN_CONTRAST of the finder's contrast.
 */
export function findPattern(
  grey: GreyImage,
  h: Homography,
  u: number,
  v: number,
  reach: number,
  contrast: number,
  pattern: Pattern,
  coarse: Pattern = pattern,
): [number, number] | null {
  const best = matchPattern(grey, h, u, v, reach, pattern, 1, coarse);
  return best.score >= contrast * MIN_PATTERN_CONTRAST ? [best.x, best.y] : null;
}

export interface Pattern {
  radius: number;
  light: number[];
  /** Only the cells on the pattern's axes and diagonals (a third of a finder's 81): a coarse search's quick look. */
  sparse?: boolean;
}

/**
 * Where near module (u, v) a pattern matches best, and how well (mean of its light rings
 * minus mean of its dark ones): searched within `reach` modules on a grid of `step` px
 * (with `coarse`, a sparse version of the pattern, when given), then to half a pixel
 * around the best with the whole pattern.
 */
export function matchPattern(grey: GreyImage, h: Homography, u: number, v: number, reach: number, pattern: Pattern, step: number, coarse: Pattern = pattern): { x: number; y: number; score: number } {
  const [x0, y0] = h.map(u, v);
  const [x1, y1] = h.map(u + 1, v);
  const [x2, y2] = h.map(u, v + 1);
  const module = (Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x0, y2 - y0)) / 2;
  const best = { x: x0, y: y0, score: -Infinity };
  const search = (taps: Float64Array, cx: number, cy: number, span: number, by: number): void => {
    for (let dy = -span; dy <= span; dy += by) {
      for (let dx = -span; dx <= span; dx += by) {
        const s = tapScore(grey, taps, cx + dx, cy + dy);
        if (s > best.score) [best.x, best.y, best.score] = [cx + dx, cy + dy, s];
      }
    }
  };
  search(patternTaps(h, u, v, x0, y0, coarse), x0, y0, reach * module, step);
  // The best coarse place scored again with the whole pattern, then its neighbours.
  const taps = patternTaps(h, u, v, x0, y0, pattern);
  if (coarse !== pattern) best.score = tapScore(grey, taps, best.x, best.y);
  search(taps, best.x, best.y, step, 0.5);
  return best;
}

/** A pattern's cells around module (u, v) as (dx, dy, weight) triples from its centre (x0, y0): light cells weigh +1/lights, dark −1/darks. */
function patternTaps(h: Homography, u: number, v: number, x0: number, y0: number, pattern: Pattern): Float64Array {
  const r = pattern.radius;
  const cells: Array<{ dx: number; dy: number; light: boolean }> = [];
  for (let j = -r; j <= r; j++) {
    for (let i = -r; i <= r; i++) {
      if (pattern.sparse === true && i !== 0 && j !== 0 && Math.abs(i) !== Math.abs(j)) continue;
      const [px, py] = h.map(u + i, v + j);
      cells.push({ dx: px - x0, dy: py - y0, light: pattern.light.includes(Math.max(Math.abs(i), Math.abs(j))) });
    }
  }
  const lights = cells.filter((c) => c.light).length;
  const taps = new Float64Array(cells.length * 3);
  cells.forEach((c, k) => {
    taps[3 * k] = c.dx;
    taps[3 * k + 1] = c.dy;
    taps[3 * k + 2] = c.light ? 1 / lights : -1 / (cells.length - lights);
  });
  return taps;
}

function tapScore(grey: GreyImage, taps: Float64Array, x: number, y: number): number {
  let s = 0;
  for (let k = 0; k < taps.length; k += 3) s += taps[k + 2]! * bilinear(grey, x + taps[k]!, y + taps[k + 1]!);
  return s;
}

/** The grey value at (x, y) in pixel coordinates (pixel i covers [i, i+1)), edges clamped. */
export function bilinear(image: GreyImage, x: number, y: number): number {
  const { width, height, data } = image;
  const fx = Math.min(Math.max(x - 0.5, 0), width - 1.001);
  const fy = Math.min(Math.max(y - 0.5, 0), height - 1.001);
  const xi = fx | 0;
  const yi = fy | 0;
  const ax = fx - xi;
  const ay = fy - yi;
  const i = yi * width + xi;
  const top = data[i]! + (data[i + 1]! - data[i]!) * ax;
  const bottom = data[i + width]! + (data[i + width + 1]! - data[i + width]!) * ax;
  return top + (bottom - top) * ay;
}
