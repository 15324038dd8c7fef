import type { GreyImage } from './grey-image.js';
import { restoreContrast, smoothGrey } from './restore-contrast.js';

/** Longest run (px) counted as one module of a finder: beyond a 760 px crop's scale. */
const MAX_TOTAL = 160;
/**
 * Shortest finder crossing (px): modules of 1.5 px, just under the smallest a 640×480
 * camera resolves (1.6 px). Below it, gain noise that the contrast restoration lifted to
 * full scale makes chance 1:1:3:1:1 stacks on a bare counter.
 */
const MIN_TOTAL = 10.5;

/**
 * How many finder-like crossings a crop holds: places where a row crosses dark, light,
 * dark, light, dark in the 1:1:3:1:1 proportion of a QR finder pattern and the column
 * through the middle of the centre run crosses the same proportion at about the same size.
 * `image` is a crop with its local contrast restored (mid-grey 128 is the local mean).
 * A code's three finders give many; a counter, a notice or a dark screen rarely any: the
 * costly fallbacks run only where this is not zero.
 */
export function finderCrossings(image: GreyImage): number {
  return finderStacks(image).length;
}

/**
 * Finder-like stacks the crop smoothed 3×3 must show when the crop as it is shows none: gain
 * noise on a dim counter breaks every finder's rows in the crop, the smoothed crop shows
 * two or more; on the tuning splits a frame without a code shows at most one.
 */
const SMOOTHED_MIN_FINDERS = 2;
/**
 * Two-row stacks the crop must show before it is smoothed at all: the codes whose finders
 * gain noise broke show 7–10 on the tuning splits, a counter without a code at most 4 (one
 * busy inverted screen, which the flipped crop lets through anyway, 26). Saves frames
 * without a code the smoothing.
 */
const MIN_BROKEN_STACKS = 5;

/**
 * The finder-like stacks of a crop smoothed over 3×3 (its contrast restored as the detector
 * takes it), for a crop whose own (`restored`: the crop with its contrast restored) show
 * none but many broken ones: 0 unless there are SMOOTHED_MIN_FINDERS. The smoothed crop
 * comes back for the looks that use it.
 */
export function smoothedFinders(crop: GreyImage, restored: GreyImage): { finders: number; smoothed: GreyImage | null } {
  if (finderStacks(restored, 2).length < MIN_BROKEN_STACKS) return { finders: 0, smoothed: null };
  const smoothed = restoreContrast(smoothGrey(crop, 1), 1, 8);
  const finders = finderCrossings(smoothed);
  return { finders: finders >= SMOOTHED_MIN_FINDERS ? finders : 0, smoothed };
}

/** A finder-like stack of crossings: its centre (px) and its crossing's length (7 modules, along a row). */
export interface FinderStack {
  x: number;
  y: number;
  total: number;
  rows: number;
}

/**
 * The finder-like stacks of a crop (see finderCrossings), with their centres. `minRows`
 * lowers the rows a stack needs (never under 2): our own detector checks each candidate
 * triple against the timing patterns, so it can afford finders that noise broke up.
 */
export function finderStacks(image: GreyImage, minRows?: number): FinderStack[] {
  const { width, height, data } = image;
  const hits: Hit[] = [];
  const runs = new Int32Array(width + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // Run lengths along the row; runs[0] is dark when the row starts dark.
    let n = 0;
    let dark = data[row]! < 128;
    const startsDark = dark;
    let length = 0;
    for (let x = 0; x < width; x++) {
      const d = data[row + x]! < 128;
      if (d === dark) {
        length++;
      } else {
        runs[n++] = length;
        dark = d;
        length = 1;
      }
    }
    runs[n++] = length;
    let x0 = 0;
    for (let i = 0; i + 4 < n; i++) {
      const isDark = (i % 2 === 0) === startsDark;
      if (isDark && finderProportion(runs[i]!, runs[i + 1]!, runs[i + 2]!, runs[i + 3]!, runs[i + 4]!)) {
        const total = runs[i]! + runs[i + 1]! + runs[i + 2]! + runs[i + 3]! + runs[i + 4]!;
        const cx = x0 + runs[i]! + runs[i + 1]! + (runs[i + 2]! >> 1);
        if (columnMatches(image, cx, y, total)) hits.push({ x: cx, y, total });
      }
      x0 += runs[i]!;
    }
  }
  return stackedFinders(hits, minRows);
}

interface Hit {
  x: number;
  y: number;
  total: number;
}

/** Rows a finder's crossings must stack over (about a third of its centre's height, at least 3). */
const STACK_SHARE = 0.35;

/**
 * Crossings stacked the way a finder's are: on consecutive rows (gaps of 2 allowed), their
 * centres within a module of each other and of about the same size. Keeps the stacks of
 * at least STACK_SHARE of the centre's three modules: chance crossings in a code's data,
 * a notice's text or sensor noise seldom stack.
 */
function stackedFinders(hits: Hit[], minRows?: number): FinderStack[] {
  const stacks: { x: number; y: number; y0: number; sumX: number; total: number; rows: number }[] = [];
  for (const h of hits) {
    const unit = h.total / 7;
    const stack = stacks.find(
      (s) => h.y - s.y <= 2 && h.y > s.y && Math.abs(h.x - s.x) <= Math.max(1.5, unit) && Math.abs(h.total - s.total) <= 0.35 * s.total,
    );
    if (stack) {
      stack.x = h.x;
      stack.y = h.y;
      stack.sumX += h.x;
      stack.rows++;
    } else {
      stacks.push({ x: h.x, y: h.y, y0: h.y, sumX: h.x, total: h.total, rows: 1 });
    }
  }
  return stacks
    .filter((s) => s.rows >= (minRows === undefined ? Math.max(3, STACK_SHARE * 3 * (s.total / 7)) : Math.max(2, minRows)))
    .map((s) => ({ x: s.sumX / s.rows + 0.5, y: (s.y0 + s.y) / 2 + 0.5, total: s.total, rows: s.rows }));
}

function finderProportion(a: number, b: number, c: number, d: number, e: number): boolean {
  const total = a + b + c + d + e;
  if (total < MIN_TOTAL || total > MAX_TOTAL) return false;
  const u = total / 7;
  const one = (r: number): boolean => r >= 0.4 * u && r <= 1.8 * u;
  return one(a) && one(b) && one(d) && one(e) && c >= 2 * u && c <= 4.5 * u;
}

/** The column through (x, y), a dark pixel, crosses 1:1:3:1:1 of about `total` px. */
function columnMatches(image: GreyImage, x: number, y: number, total: number): boolean {
  const { width, height, data } = image;
  const darkAt = (yy: number): boolean => data[yy * width + x]! < 128;
  if (!darkAt(y)) return false;
  const limit = Math.ceil(total * 1.6);
  // Up: the centre run, then light, then dark; down the same.
  const up = [0, 0, 0];
  let yy = y;
  for (let k = 0; k < 3; k++) {
    const want = k % 2 === 0;
    while (yy >= 0 && darkAt(yy) === want && y - yy < limit) {
      up[k]!++;
      yy--;
    }
  }
  const down = [0, 0, 0];
  yy = y + 1;
  for (let k = 0; k < 3; k++) {
    const want = k % 2 === 0;
    while (yy < height && darkAt(yy) === want && yy - y < limit) {
      down[k]!++;
      yy++;
    }
  }
  const centre = up[0]! + down[0]!;
  const vertical = up[2]! + up[1]! + centre + down[1]! + down[2]!;
  if (vertical < 0.6 * total || vertical > 1.6 * total) return false;
  return finderProportion(up[2]!, up[1]!, centre, down[1]!, down[2]!);
}
