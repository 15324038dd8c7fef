import { finderScore, fitFinder, type FittedFinder, type ModuleFrame } from './finder-frame.js';
import type { FinderStack } from './finder-texture.js';
import type { GreyImage } from './grey-image.js';

/**
 * A second finder for a finder that stands alone. On a dim counter, gain noise on 2.5 px
 * modules can break every row of two of a code's finders, leaving one stack of finder-like
 * rows: no pair for the detector's hidden-third search (finder-triples.ts) to start from.
 * Matched in its own frame (finder-frame.ts), the lone finder gives the code's axes and
 * module size; its partners lie along them (an adjacent finder) or along a diagonal (the
 * finder across), a whole number of modules off that the version decides. Each direction is
 * searched out to the crop's edge, in a wedge that widens with distance (a steep tilt
 * skews the code's right angles), for the best matches of a finder pattern at the lone
 * finder's module size and smaller; the best are matched in their own frames, and a place
 * that matches at least PARTNER_SHARE as well as the lone finder is a partner. The pair's
 * third is then found as for any pair, and the timing patterns, the format information
 * and Reed–Solomon decide: a wrong partner draws nothing that reads.
 */

/** Stacks (most rows first) a partner is looked for beside. */
const LONE_STACKS = 2;
/** Places per direction, the best sparse matches, fitted in their own frame. */
const PER_DIRECTION = 2;
/** Partners given on per lone finder, the best-matching first. */
const MAX_PARTNERS = 3;
/** A partner must match at least this share of the lone finder, each in its own frame (as a hidden third must: finder-triples.ts, WEAK_SHARE). */
const PARTNER_SHARE = 0.5;
/** The wedge's half-width: this share of the distance out (a tilt of 35° skews a right angle by about this much). */
const SKEW = 0.2;
/** Two finders of one code are at least this many modules apart along a side (version 1: 21 − 7). */
const MIN_APART = 14;
/** Module sizes of the pattern searched for, as shares of the lone finder's: the partner may be further off, its modules smaller. */
const SCALES: readonly number[] = [1, 0.8, 0.65];
/** Start turns (radians) of the lone finder's fit: a fit turns about 0.7 radians, and a finder looks the same every right angle. */
const START_TURNS: readonly number[] = [0, Math.PI / 4];

/** A lone finder and the partners found beside it, the best-matching first. */
export interface Partners {
  lone: FinderStack;
  partners: FinderStack[];
}

/**
 * The partners found per crop, by lone finder: the detector's plain looks search the strongest
 * stack's, and its further looks, on the same crop later, the two strongest stacks'.
 */
const searched = new WeakMap<GreyImage, Map<string, FinderStack[]>>();

/**
 * The partners of the strongest stacks, a lone finder at a time; a null after each fit (a
 * pause point: each fit is one of the detector's costlier steps). A lone finder whose
 * partners were searched on this crop before gives them at once.
 */
export function* partnerSteps(stacks: readonly FinderStack[], grey: GreyImage): Generator<Partners | null, void> {
  let known = searched.get(grey);
  if (known === undefined) searched.set(grey, (known = new Map<string, FinderStack[]>()));
  for (const lone of stacks.slice(0, LONE_STACKS)) {
    const key = `${lone.x},${lone.y},${lone.total}`;
    const before = known.get(key);
    if (before !== undefined) {
      yield { lone, partners: before };
      continue;
    }
    const module = lone.total / 7;
    let own: FittedFinder | null = null;
    for (const turn of START_TURNS) {
      const c = Math.cos(turn) * module;
      const s = Math.sin(turn) * module;
      const fitted = fitFinder(grey, lone.x, lone.y, { ux: c, uy: s, vx: -s, vy: c });
      if (own === null || fitted.score > own.score) own = fitted;
    }
    yield null;
    // A fit that matched nothing, or settled on a frame under half a pixel a module, has no partners.
    if (own === null || !(own.score > 0) || !(Math.abs(own.frame.ux * own.frame.vy - own.frame.uy * own.frame.vx) >= 0.25)) {
      known.set(key, []);
      continue;
    }
    const floor = PARTNER_SHARE * own.score;
    const found: FittedFinder[] = [];
    for (const direction of directions(own.frame)) {
      const best: Place[] = [];
      for (const scale of SCALES) {
        wedgePeaks(grey, own, direction, scale, best);
        yield null;
      }
      for (const place of apart(best, own.frame)) {
        const fitted = fitFinder(grey, place.x, place.y, place.frame, [1]);
        yield null;
        const inside = fitted.x >= 0 && fitted.y >= 0 && fitted.x <= grey.width && fitted.y <= grey.height;
        if (inside && fitted.score >= floor) found.push(fitted);
      }
    }
    found.sort((a, b) => b.score - a.score);
    const partners = found.slice(0, MAX_PARTNERS).map((p) => ({ x: p.x, y: p.y, total: lone.total, rows: 0 }));
    known.set(key, partners);
    yield { lone, partners };
  }
}

/** The eight directions of a finder's partners, as module steps: along each axis both ways, and along each diagonal. */
function directions(f: ModuleFrame): Array<[number, number]> {
  const a: [number, number] = [f.ux, f.uy];
  const b: [number, number] = [f.vx, f.vy];
  const out: Array<[number, number]> = [];
  for (const [p, q] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ] as const) {
    out.push([p * a[0] + q * b[0], p * a[1] + q * b[1]]);
  }
  return out;
}

/** Best sparse matches a direction keeps before the ones too near a better one are dropped. */
const KEPT = 12;
/** Places of the pattern a wedge scores at one module size, at most (its steps grow beyond). */
const MAX_WEDGE_POINTS = 4000;

/** A place of the wedge, the frame it matched in and how well (sparse pattern). */
interface Place {
  x: number;
  y: number;
  frame: ModuleFrame;
  score: number;
}

/**
 * Scores the wedge out from the lone finder along `direction` (a module step) with a finder
 * pattern in the lone finder's frame shrunk to `scale` (sparse, about a module apart), and
 * keeps the KEPT best places of the direction so far in `best`, best first (no allocation per
 * place scored: the search's inner loop).
 */
function wedgePeaks(grey: GreyImage, own: FittedFinder, [dx, dy]: [number, number], scale: number, best: Place[]): void {
  const f = own.frame;
  const module = Math.sqrt(Math.abs(f.ux * f.vy - f.uy * f.vx));
  const length = Math.hypot(dx, dy);
  // Unit vectors along the direction and across it.
  const ax = dx / length;
  const ay = dy / length;
  const frame = { ux: f.ux * scale, uy: f.uy * scale, vx: f.vx * scale, vy: f.vy * scale };
  const start = MIN_APART * length * scale;
  // The wedge out to the crop's edge holds about SKEW · (reach² − start²) / step² places.
  const reach = Math.min(ax > 0 ? (grey.width - own.x) / ax : ax < 0 ? -own.x / ax : Infinity, ay > 0 ? (grey.height - own.y) / ay : ay < 0 ? -own.y / ay : Infinity);
  // A degenerate frame (no direction, no size) has no wedge: its reach would be unbounded.
  if (!(length > 0) || !Number.isFinite(reach) || !(reach > start)) return;
  const step = Math.max(1, module * scale, Math.sqrt((SKEW * (reach * reach - start * start)) / MAX_WEDGE_POINTS));
  if (!Number.isFinite(step)) return;
  for (let t = start; t <= reach; t += step) {
    const cx = own.x + ax * t;
    const cy = own.y + ay * t;
    const half = SKEW * t;
    for (let w = -half; w <= half; w += step) {
      const x = cx - ay * w;
      const y = cy + ax * w;
      if (x < 0 || y < 0 || x > grey.width || y > grey.height) continue;
      const score = finderScore(grey, x, y, frame, true);
      if (best.length === KEPT && score <= best[KEPT - 1]!.score) continue;
      let i = best.length === KEPT ? KEPT - 1 : best.length;
      while (i > 0 && best[i - 1]!.score < score) i--;
      best.splice(i, 0, { x, y, frame, score });
      if (best.length > KEPT) best.pop();
    }
  }
}

/** The PER_DIRECTION best places, at least three modules apart. */
function apart(best: readonly Place[], f: ModuleFrame): Place[] {
  const module = Math.sqrt(Math.abs(f.ux * f.vy - f.uy * f.vx));
  const kept: Place[] = [];
  for (const p of best) {
    if (kept.length >= PER_DIRECTION) break;
    if (!kept.some((o) => Math.hypot(o.x - p.x, o.y - p.y) < 3 * module)) kept.push(p);
  }
  return kept;
}
