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
 * stacks were found in, dark modules on a light ground.
 */
export function inferredTriples(stacks: readonly FinderStack[], grey: GreyImage): Triple[] {
  const out: Triple[] = [];
  for (const triple of inferredTripleSteps(stacks, grey)) if (triple !== null) out.push(triple);
  return out;
}

/**
 * inferredTriples one at a time, with a pause (null) after each place searched (a search
 * over a quarter of the finders' spacing is one of the detector's costlier steps).
 */
export function* inferredTripleSteps(stacks: readonly FinderStack[], grey: GreyImage): Generator<Triple | null, void> {
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
  pairs.sort((p, q) => q[0].rows + q[1].rows - (p[0].rows + p[1].rows));
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
