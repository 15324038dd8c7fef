import { finderPeaks, fitFinder, type FittedFinder } from './finder-frame.js';
import type { FinderStack } from './finder-texture.js';
import type { GreyImage } from './grey-image.js';
import type { Homography } from './homography.js';
import { FINDER, matchPattern } from './pattern-match.js';

/**
 * Largest ratio of two finders' crossing lengths in one code: a row crosses a finder turned
 * by θ over 7 modules / max(|cos θ|, |sin θ|), and a tilted card's near finder is larger.
 */
const SIZE_RATIO = 2.5;

export interface Triple {
  tl: FinderStack;
  tr: FinderStack;
  bl: FinderStack;
  /** Module size (px) the finders' crossings suggest. */
  module: number;
}

/** Stacks less than a module apart are one finder (a gap of a few rows splits a stack). */
export function distinct(stacks: FinderStack[]): FinderStack[] {
  const out: FinderStack[] = [];
  for (const s of [...stacks].sort((a, b) => b.rows - a.rows)) {
    if (!out.some((o) => Math.hypot(o.x - s.x, o.y - s.y) < o.total / 7 + 1)) out.push(s);
  }
  return out;
}

/** Triples of stacks placed like a code's finders (a right angle between two equal sides, give or take tilt), best first. */
export function triples(stacks: FinderStack[]): Triple[] {
  const found: Array<{ triple: Triple; score: number }> = [];
  for (let i = 0; i < stacks.length; i++) {
    for (let j = 0; j < stacks.length; j++) {
      for (let k = j + 1; k < stacks.length; k++) {
        if (j === i || k === i) continue;
        const c = stacks[i]!;
        const p = stacks[j]!;
        const q = stacks[k]!;
        const ax = p.x - c.x;
        const ay = p.y - c.y;
        const bx = q.x - c.x;
        const by = q.y - c.y;
        const la = Math.hypot(ax, ay);
        const lb = Math.hypot(bx, by);
        const sizes = [c.total, p.total, q.total];
        if (Math.max(...sizes) > SIZE_RATIO * Math.min(...sizes)) continue;
        const ratio = la / lb;
        const cos = (ax * bx + ay * by) / (la * lb);
        if (ratio < 0.6 || ratio > 1 / 0.6 || Math.abs(cos) > 0.5) continue;
        // A row crosses a finder turned by θ over 7 modules / max(|cos θ|, |sin θ|).
        const theta = Math.atan2(ay, ax);
        const module = ((c.total + p.total + q.total) / 21) * Math.max(Math.abs(Math.cos(theta)), Math.abs(Math.sin(theta)));
        if (Math.min(la, lb) < 7 * module) continue;
        const clockwise = ax * by - ay * bx > 0;
        const triple = { tl: c, tr: clockwise ? p : q, bl: clockwise ? q : p, module };
        found.push({ triple, score: Math.abs(cos) + Math.abs(Math.log(ratio)) });
      }
    }
  }
  return found.sort((a, b) => a.score - b.score).map((f) => f.triple);
}

/** Versions whose side fits the finders' spacing at about the finders' module size (which blur shrinks). */
export function versionsNear(t: Triple): number[] {
  const spacing = (Math.hypot(t.tr.x - t.tl.x, t.tr.y - t.tl.y) + Math.hypot(t.bl.x - t.tl.x, t.bl.y - t.tl.y)) / 2;
  const low = Math.max(1, Math.floor((spacing / (t.module * 1.6) - 10) / 4));
  const high = Math.min(40, Math.ceil((spacing / (t.module * 0.8) - 10) / 4));
  const out: number[] = [];
  for (let v = low; v <= high; v++) out.push(v);
  return out;
}


/** Pairs of stacks (most rows first) a hidden third finder is looked for beside. */
const MAX_PAIRS = 3;
/** How far from where the two seen finders put it the third is looked for: this share of their spacing. */
const THIRD_REACH = 0.25;
/** The third finder must match at least this share of the weaker seen finder's match. */
const THIRD_SHARE = 0.5;

/** How far from a third finder's place it is looked for in its own frame (ownFrameThirds): this share of the spacing (a steep tilt moves it far). */
const WEAK_REACH = 0.45;
/**
 * A candidate is the third finder when, matched in its own frame, it matches at least this
 * share of the weaker seen finder matched in its own: the hidden finders of the tuning
 * frames match 0.5–1.1 of it, the finder-like data near them at most about half (at 0.55
 * "tune-4" 427's hidden finder was refused; at 0.45 data near "tune-3" 422's delayed its
 * read past 12 frames). A wrong third draws nothing that reads: the format information and
 * Reed–Solomon decide.
 */
const WEAK_SHARE = 0.5;

/**
 * Triples with one finder inferred from two stacks, for a code where noise or blur hid the
 * third from finderStacks (a dim counter: gain noise breaks the finder's rows). The two seen
 * finders are either adjacent (one of them the top-left: the third lies a right angle from
 * it, on either side) or diagonal (the top-left lies at the corner of the right isosceles
 * triangle over them, on either side): six places per pair. Each is searched, within a
 * quarter of the spacing (tilt skews the right angle), for the best match of a whole
 * finder pattern; a match inside the crop that matches at least half as well as the seen
 * finders gives a triple (for the best pair, a place where nothing matches gives one too,
 * at the place itself: a glare can wash a finder out). The timing patterns, the format and
 * version information beside the finders and the reader's Reed–Solomon check decide which
 * (if any) is the code: a wrong guess draws nothing that decodes. `grey` is the crop the
 * stacks were found in, dark modules on a light ground. After those, the triples whose
 * third is found further off in its own frame (ownFrameThirds), among the `weak` stacks
 * (two rows) or the best places of a finder pattern around the place.
 */
export function inferredTriples(stacks: readonly FinderStack[], grey: GreyImage, weak: readonly FinderStack[] = []): Triple[] {
  const out: Triple[] = [];
  for (const triple of inferredTripleSteps(stacks, grey)) if (triple !== null) out.push(triple);
  for (const triple of ownFrameTripleSteps(stacks, grey, weak)) if (triple !== null) out.push(triple);
  return out;
}

/**
 * inferredTriples one at a time, with a pause (null) after each place searched (a search
 * over a quarter of the finders' spacing is one of the detector's costlier steps).
 */
export function* inferredTripleSteps(stacks: readonly FinderStack[], grey: GreyImage): Generator<Triple | null, void> {
  const pairs = pairsOf(stacks);
  for (const [pair, [a, b]] of pairs.slice(0, MAX_PAIRS).entries()) {
    for (const place of thirdPlaces(a, b)) {
      const total = (a.total + b.total) / 2;
      const module = (total / 7) * Math.max(Math.abs(place.ux), Math.abs(place.uy));
      const seen = Math.min(finderMatch(grey, a.x, a.y, place, module, 0.5, 1), finderMatch(grey, b.x, b.y, place, module, 0.5, 1));
      if (!(seen > 0)) continue;
      const reach = THIRD_REACH * place.spacing;
      // A place further outside the crop than the search reaches holds no finder in it.
      if (place.x < -reach || place.y < -reach || place.x > grey.width + reach || place.y > grey.height + reach) continue;
      // Places a module apart, then to half a pixel around the best.
      const found = matchPattern(grey, localFrame(place.x, place.y, place, module), 0, 0, reach / module, FINDER, Math.max(1, module));
      // Anywhere in the crop: the busy region the crop was cut from can end at a finder
      // (a glare band over a phone leaves no texture beyond it); modules outside the crop
      // read as its edge, and error correction makes up for them.
      const inside = (x: number, y: number): boolean => x >= 0 && y >= 0 && x <= grey.width && y <= grey.height;
      let third: FinderStack | null = null;
      if (inside(found.x, found.y) && found.score >= THIRD_SHARE * seen) third = { x: found.x, y: found.y, total, rows: 0 };
      // Nothing like a finder there (a glare washed it out): the place itself, for the best
      // pair only; the information beside the other two finders and the alignment
      // patterns decide.
      else if (pair === 0 && inside(place.x, place.y)) third = { x: place.x, y: place.y, total, rows: 0 };
      if (third !== null) yield { tl: a, tr: a, bl: a, ...place.seen, [place.missing]: third, module };
      yield null;
    }
  }
}

/** Pairs of stacks that could be two finders of one code, most rows first. */
function pairsOf(stacks: readonly FinderStack[]): Array<[FinderStack, FinderStack]> {
  const pairs: Array<[FinderStack, FinderStack]> = [];
  for (let i = 0; i < stacks.length; i++) {
    for (let j = i + 1; j < stacks.length; j++) {
      const a = stacks[i]!;
      const b = stacks[j]!;
      if (Math.max(a.total, b.total) > SIZE_RATIO * Math.min(a.total, b.total)) continue;
      // Two finders of one code are at least 14 modules apart (version 1: 21 − 7).
      if (Math.hypot(b.x - a.x, b.y - a.y) < (a.total + b.total) / 2) continue;
      pairs.push([a, b]);
    }
  }
  return pairs.sort((p, q) => q[0].rows + q[1].rows - (p[0].rows + p[1].rows));
}

/**
 * Triples whose third finder lies further off than inferredTriples searches, found in its
 * own frame (ownFrameThirds) among the `weak` stacks (two rows) or the best places of a
 * finder pattern around each place: a steep tilt puts the hidden finder beyond that search
 * and shrinks its modules, so that the pattern at the seen finders' size and axes scores
 * no better there than data. Tried after inferredTriples drew nothing that read; a pause
 * (null) after each place.
 */
export function* ownFrameTripleSteps(stacks: readonly FinderStack[], grey: GreyImage, weak: readonly FinderStack[]): Generator<Triple | null, void> {
  for (const [a, b] of pairsOf(stacks).slice(0, MAX_PAIRS)) {
    const ownFrameThird = ownFrameThirds(grey, a, b, weak);
    for (const place of thirdPlaces(a, b)) {
      const total = (a.total + b.total) / 2;
      const module = (total / 7) * Math.max(Math.abs(place.ux), Math.abs(place.uy));
      const third = yield* ownFrameThird(place, module);
      if (third !== null) yield { tl: a, tr: a, bl: a, ...place.seen, [place.missing]: third, module };
      yield null;
    }
  }
}

/**
 * Places of a pattern search (finderPeaks) fitted in their own frame when no weak stack is
 * the third: on a large code's small modules under gain noise the data scores like a finder
 * at many places, and the hidden finder of "tune" 423-dark-counter was the 5th–8th best (at 4
 * it was never fitted; 8 reads it and "tune-2" 228-counter, 12 reads no more).
 */
const PEAKS = 8;

/** The module frame along a place's axes: `module` px a module, v a right angle clockwise from u. */
function axesOf(place: Place, module: number): { ux: number; uy: number; vx: number; vy: number } {
  return { ux: place.ux * module, uy: place.uy * module, vx: -place.uy * module, vy: place.ux * module };
}

/**
 * For a pair of seen finders: where a third finder's place finds it in its own frame, if
 * anywhere. The candidates within WEAK_REACH of the place are the weak stacks (two rows:
 * gain noise broke the rest) or, when none of those matches, the PEAKS best places of a
 * finder pattern at the seen finders' module size and smaller; each is matched in its own
 * frame (finder-frame.ts), and so are the two seen finders; the best that matches at
 * least WEAK_SHARE of the weaker seen one is the third, at its matched centre. The search
 * pauses (null) after each fit and after the pattern search: each is a costly step.
 */
function ownFrameThirds(grey: GreyImage, a: FinderStack, b: FinderStack, weak: readonly FinderStack[]): (place: Place, module: number) => Generator<null, FinderStack | null, void> {
  const fitted = new Map<FinderStack, FittedFinder>();
  let seen: number | null = null;
  function* fit(s: FinderStack, place: Place, module: number): Generator<null, FittedFinder, void> {
    let f = fitted.get(s);
    if (f === undefined) {
      // A finder is symmetric under a right angle: any place's axes start the fit.
      f = fitFinder(grey, s.x, s.y, axesOf(place, module));
      fitted.set(s, f);
      yield null;
    }
    return f;
  }
  const total = (a.total + b.total) / 2;
  const inside = (f: FittedFinder): boolean => f.x >= 0 && f.y >= 0 && f.x <= grey.width && f.y <= grey.height;
  return function* (place, module) {
    const reach = WEAK_REACH * place.spacing;
    if (place.x < -reach || place.y < -reach || place.x > grey.width + reach || place.y > grey.height + reach) return null;
    seen ??= Math.min((yield* fit(a, place, module)).score, (yield* fit(b, place, module)).score);
    const floor = WEAK_SHARE * seen;
    function* best(candidates: readonly FinderStack[]): Generator<null, FittedFinder | null, void> {
      let top: FittedFinder | null = null;
      for (const s of candidates) {
        const f = yield* fit(s, place, module);
        if (inside(f) && f.score >= floor && (top === null || f.score > top.score)) top = f;
      }
      return top;
    }
    const near = weak.filter((s) => Math.hypot(s.x - place.x, s.y - place.y) <= reach && s !== a && s !== b);
    let found = yield* best(near);
    if (found === null) {
      // No weak stack there matches: the best places of a finder-sized pattern (at the seen
      // finders' module size and smaller), each matched in its own frame.
      const peaks = finderPeaks(grey, place.x, place.y, reach, axesOf(place, module), PEAKS);
      yield null;
      found = yield* best(peaks.map((p) => ({ x: p.x, y: p.y, total, rows: 0 })));
    }
    return found === null ? null : { x: found.x, y: found.y, total, rows: 0 };
  };
}

/** Where a pair of finders puts the third: the image point, the code's u axis (unit) and its finder spacing (px). */
interface Place {
  x: number;
  y: number;
  ux: number;
  uy: number;
  spacing: number;
  missing: 'tl' | 'tr' | 'bl';
  seen: Partial<Record<'tl' | 'tr' | 'bl', FinderStack>>;
}

/**
 * The six places of a pair's third finder. In image coordinates (y down) a code's v axis is
 * its u axis turned a right angle clockwise: R(x, y) = (−y, x).
 */
function thirdPlaces(a: FinderStack, b: FinderStack): Place[] {
  const out: Place[] = [];
  for (const [p, q] of [
    [a, b],
    [b, a],
  ] as const) {
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const d = Math.hypot(dx, dy);
    // p top-left, q top-right: the bottom-left is p + R(q − p).
    out.push({ x: p.x - dy, y: p.y + dx, ux: dx / d, uy: dy / d, spacing: d, missing: 'bl', seen: { tl: p, tr: q } });
    // p top-left, q bottom-left: the top-right is p + R⁻¹(q − p).
    out.push({ x: p.x + dy, y: p.y - dx, ux: dy / d, uy: -dx / d, spacing: d, missing: 'tr', seen: { tl: p, bl: q } });
    // p top-right, q bottom-left: the top edge e solves e − R(e) = p − q; the top-left is p − e.
    const ex = (p.x - q.x - (p.y - q.y)) / 2;
    const ey = (p.x - q.x + (p.y - q.y)) / 2;
    const e = Math.hypot(ex, ey);
    out.push({ x: p.x - ex, y: p.y - ey, ux: ex / e, uy: ey / e, spacing: e, missing: 'tl', seen: { tr: p, bl: q } });
  }
  return out;
}

/** Module coordinates around (x, y) along the code's axes, `module` px a module (no perspective: a finder is small). */
function localFrame(x: number, y: number, axes: { ux: number; uy: number }, module: number): Homography {
  const { ux, uy } = axes;
  return { map: (u, v) => [x + (u * ux - v * uy) * module, y + (u * uy + v * ux) * module] };
}

/** How well a whole finder pattern matches around (x, y), within `reach` modules. */
function finderMatch(grey: GreyImage, x: number, y: number, axes: { ux: number; uy: number }, module: number, reach: number, step: number): number {
  return matchPattern(grey, localFrame(x, y, axes, module), 0, 0, reach, FINDER, step).score;
}
