import { finderStacks, type FinderStack } from './finder-texture.js';
import type { GreyImage, RgbaImage } from './grey-image.js';
import { fitHomography, type Correspondence, type Homography } from './homography.js';
import { alignmentCentres, functionModules, sideOf } from './qr-layout.js';

/** Finder stacks considered (most rows first) and finder triples tried per crop. */
const MAX_STACKS = 8;
/** Rows a finder-like stack needs here (finder-texture.ts asks more where it gates the fallbacks). */
const MIN_ROWS = 3;
/** Triples of stacks tried, the most code-like (right angle, equal sides) first. */
const MAX_TRIPLES = 3;
/** Grids sampled per crop: the (triple, version) pairs whose timing patterns show best. */
const MAX_GRIDS = 3;
/** Timing correlation (timingFit) below which a grid is not worth sampling. */
const MIN_TIMING = 0.35;
/** Modules around its predicted place an alignment pattern is looked for. */
const ALIGNMENT_REACH = 1.5;
/** Modules around a stack's centre its finder is matched within. */
const FINDER_REACH = 1;
/** An alignment pattern further than this (modules) from the fit of all is dropped. */
const MAX_RESIDUAL = 0.5;
/** A pattern is taken only where its light and dark rings differ by this share of the finder's contrast. */
const MIN_PATTERN_CONTRAST = 0.4;
/** Pixels per module and quiet-zone modules of the re-drawn code handed to the reader. */
const DRAW_MODULE = 3;
const DRAW_QUIET = 4;
/** Local threshold: the mean over (2R+1)² modules; neighbour compensation (see sampleBits). */
const THRESHOLD_RADIUS = 6;
const NEIGHBOUR_WEIGHT = 0.3;

/**
 * Our own QR detector, for codes ZXing's does not find (a dim counter: small tilted modules
 * blurred into each other, gain noise, JPEG blocks). The three finders come from the
 * finder-like stacks of finder-texture.ts; the grid is fitted through them, then extended
 * alignment pattern by alignment pattern outwards (each found one refits the projection,
 * so a tilted card's far corner is located, not guessed); every module is read as the mean
 * of its centre area, not one pixel, and thresholded against the modules around it; the
 * function patterns are drawn as the standard places them. What comes out is a clean code,
 * drawn at 3 px a module, for the reader to decode with its error correction (a wrong
 * grid yields no valid code, never a wrong text: Reed–Solomon checks every block).
 * Yields one drawing per (finder triple, version) tried, best guess first.
 * `finders` are the crop with its local contrast restored, plain and smoothed (finderStacks'
 * input: noise breaks up different finders in each), `grey` the crop itself, all dark
 * modules on a light ground, all the same size.
 */
export function* redrawnCodes(finders: readonly GreyImage[], grey: GreyImage): Generator<RgbaImage, void> {
  for (const { version, grid } of gridCandidates(finders, grey)) yield draw(sampleBits(grey, grid, sideOf(version)), version);
}

interface Guess {
  triple: Triple;
  version: number;
  /** Timing correlation, −1 to 1. */
  score: number;
  start: Homography;
}

/**
 * Sorted by the evidence, not the correlation alone: a short timing line (a small version)
 * correlates well by chance, a long one does not.
 */
function byEvidence(guesses: Guess[]): Guess[] {
  const evidence = (g: Guess): number => g.score * Math.sqrt(sideOf(g.version) - 16);
  return guesses.sort((a, b) => evidence(b) - evidence(a));
}

/** The grids redrawnCodes samples, best guess first: a version and its module-to-pixel projection. */
export function* gridCandidates(finders: readonly GreyImage[], grey: GreyImage): Generator<{ version: number; grid: Homography; timing: number }, void> {
  const stacks = distinct(finders.flatMap((image) => finderStacks(image, MIN_ROWS)))
    .sort((a, b) => b.rows - a.rows)
    .slice(0, MAX_STACKS);
  // From the stacks' centres and from the finders matched as whole patterns: each is the
  // better start on some frames (blur shifts a stack's centre, noise a match).
  const guesses: Guess[] = [];
  for (const rough of triples(stacks).slice(0, MAX_TRIPLES)) {
    for (const version of versionsNear(rough)) {
      for (const triple of [rough, refineFinders(grey, rough, sideOf(version))]) {
        guesses.push({ triple, version, ...timingFit(grey, triple, sideOf(version)) });
      }
    }
  }
  byEvidence(guesses);
  for (const { version, score, start } of guesses.slice(0, MAX_GRIDS)) {
    if (score < MIN_TIMING) continue;
    const grid = fitGrid(grey, start, version);
    if (grid !== null) yield { version, grid, timing: score };
    // Alignment patterns matched in the wrong places can pull the far corner away; the
    // grid from the finders and timing lines alone is the fallback, unless it is the same.
    if (grid === null || farCorner(grid, start, sideOf(version)) > 0.5) yield { version, grid: start, timing: score };
  }
}

/**
 * The finders fix three points of the grid; a tilted card's foreshortening along each
 * edge is the one thing they leave open. It is found from the timing patterns (row and
 * column 6, alternating dark and light between the finders): for each edge, the weight
 * of its far finder (how much nearer or further the camera is there) whose samples
 * correlate best with the alternation. A wrong version puts the samples out of step
 * within a few modules, so the correlation (−1 to 1, both lines averaged) also ranks versions.
 */
function timingFit(grey: GreyImage, t: Triple, n: number): { score: number; start: Homography } {
  // The top-right weight barely moves the column's samples (they lie 3 modules off the
  // line it weighs) and the other way round: one pass each way suffices.
  let across = 1;
  let down = 1;
  const best = { across: -1, down: -1 };
  for (const w of WEIGHTS) {
    const a = timingCorrelation(grey, weighted(t, n, w, down), n, 'across');
    if (a > best.across) [best.across, across] = [a, w];
  }
  for (const w of WEIGHTS) {
    const d = timingCorrelation(grey, weighted(t, n, across, w), n, 'down');
    if (d > best.down) [best.down, down] = [d, w];
  }
  return { score: (best.across + best.down) / 2, start: weighted(t, n, across, down) };
}

/** Far-finder weights tried: foreshortening up to about 1.8 either way, in log steps. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => Math.exp((i - 8) * 0.075));

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

/** Correlation of one timing line's samples with the alternation it should show. */
function timingCorrelation(grey: GreyImage, h: Homography, n: number, line: 'across' | 'down'): number {
  const values: number[] = [];
  for (let i = 8; i < n - 8; i++) {
    const [x, y] = line === 'across' ? h.map(i + 0.5, 6.5) : h.map(6.5, i + 0.5);
    values.push(bilinear(grey, x, y));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let dot = 0;
  let square = 0;
  values.forEach((v, k) => {
    dot += ((k + 8) % 2 === 0 ? -1 : 1) * (v - mean);
    square += (v - mean) ** 2;
  });
  return square > 0 ? dot / Math.sqrt(square * values.length) : 0;
}

/**
 * The triple with each finder's centre matched as a whole pattern (within a module of its
 * stack's centre, at the module size a version of side `n` has between these finders):
 * a stack's centre is a pixel or two off under blur, and the timing lines are read from
 * these centres.
 */
function refineFinders(grey: GreyImage, t: Triple, n: number): Triple {
  const ux = (t.tr.x - t.tl.x) / (n - 7);
  const uy = (t.tr.y - t.tl.y) / (n - 7);
  const vx = (t.bl.x - t.tl.x) / (n - 7);
  const vy = (t.bl.y - t.tl.y) / (n - 7);
  const refine = (f: FinderStack): FinderStack => {
    const local: Homography = { map: (u, v) => [f.x + u * ux + v * vx, f.y + u * uy + v * vy] };
    const found = findPattern(grey, local, 0, 0, FINDER_REACH, 0, FINDER);
    return found === null ? f : { ...f, x: found[0], y: found[1] };
  };
  return { ...t, tl: refine(t.tl), tr: refine(t.tr), bl: refine(t.bl) };
}

interface Triple {
  tl: FinderStack;
  tr: FinderStack;
  bl: FinderStack;
  /** Module size (px) the finders' crossings suggest. */
  module: number;
}

/** Stacks less than a module apart are one finder (a gap of a few rows splits a stack). */
function distinct(stacks: FinderStack[]): FinderStack[] {
  const out: FinderStack[] = [];
  for (const s of [...stacks].sort((a, b) => b.rows - a.rows)) {
    if (!out.some((o) => Math.hypot(o.x - s.x, o.y - s.y) < o.total / 7 + 1)) out.push(s);
  }
  return out;
}

/** Triples of stacks placed like a code's finders (a right angle between two equal sides, give or take tilt), best first. */
function triples(stacks: FinderStack[]): Triple[] {
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
        if (Math.max(...sizes) > 2 * Math.min(...sizes)) continue;
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
function versionsNear(t: Triple): number[] {
  const spacing = (Math.hypot(t.tr.x - t.tl.x, t.tr.y - t.tl.y) + Math.hypot(t.bl.x - t.tl.x, t.bl.y - t.tl.y)) / 2;
  const low = Math.max(1, Math.floor((spacing / (t.module * 1.6) - 10) / 4));
  const high = Math.min(40, Math.ceil((spacing / (t.module * 0.8) - 10) / 4));
  const out: number[] = [];
  for (let v = low; v <= high; v++) out.push(v);
  return out;
}

/**
 * The projection from module coordinates to the crop: through the finders' centres, then
 * refined by each alignment pattern found near where the current fit puts it, nearest
 * the top-left finder first. Null when the finders are degenerate.
 */
function fitGrid(grey: GreyImage, start: Homography, version: number): Homography | null {
  const n = sideOf(version);
  // The finders' centres and the timing lines' ends and middles, as the start projects them.
  const anchors: Array<[number, number]> = [
    [3.5, 3.5],
    [n - 3.5, 3.5],
    [3.5, n - 3.5],
    [n / 2, 6.5],
    [6.5, n / 2],
    [n - 3.5, 6.5],
    [6.5, n - 3.5],
  ];
  const points: Correspondence[] = anchors.map(([u, v]) => {
    const [x, y] = start.map(u, v);
    return { u, v, x, y };
  });
  let h = fitHomography(points);
  if (h === null) return null;
  const contrast = finderContrast(grey, h);
  if (contrast <= 0) return null;
  const centres = alignmentCentres(version).sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  for (const [cx, cy] of centres) {
    const found = findPattern(grey, h, cx + 0.5, cy + 0.5, ALIGNMENT_REACH, contrast, ALIGNMENT);
    if (found === null) continue;
    points.push({ u: cx + 0.5, v: cy + 0.5, x: found[0], y: found[1] });
    h = fitHomography(points) ?? h;
  }
  // An alignment pattern matched in the wrong place (noise, a data pattern alike) sits off
  // the fit of the others: dropped, and the rest fitted again.
  const fit = h;
  const kept = points.filter((p, k) => k < anchors.length || residual(fit, p) <= MAX_RESIDUAL * moduleAt(fit, p.u, p.v));
  return kept.length === points.length ? h : (fitHomography(kept) ?? h);
}

/** How far apart (in modules) two grids put the code's bottom-right corner, the one the finders do not fix. */
function farCorner(a: Homography, b: Homography, n: number): number {
  const [ax, ay] = a.map(n, n);
  const [bx, by] = b.map(n, n);
  return Math.hypot(ax - bx, ay - by) / moduleAt(a, n - 1, n - 1);
}

function residual(h: Homography, p: Correspondence): number {
  const [x, y] = h.map(p.u, p.v);
  return Math.hypot(x - p.x, y - p.y);
}

function moduleAt(h: Homography, u: number, v: number): number {
  const [x0, y0] = h.map(u, v);
  const [x1, y1] = h.map(u + 1, v + 1);
  return Math.hypot(x1 - x0, y1 - y0) / Math.SQRT2;
}

/** Light minus dark of the top-left finder under the fit: its ring of light modules against its centre and outer ring. */
function finderContrast(grey: GreyImage, h: Homography): number {
  let light = 0;
  let dark = 0;
  let nl = 0;
  let nd = 0;
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      const [px, py] = h.map(x + 0.5, y + 0.5);
      const v = bilinear(grey, px, py);
      if (ring === 2) {
        light += v;
        nl++;
      } else {
        dark += v;
        nd++;
      }
    }
  }
  return light / nl - dark / nd;
}

/** Rings (Chebyshev distance from the centre module) of a pattern that are light. */
const ALIGNMENT: Pattern = { radius: 2, light: [1] };
const FINDER: Pattern = { radius: 4, light: [2, 4] };

/**
 * A pattern (an alignment pattern, or a finder with its separator) near module (u, v): the
 * offset within `reach` modules where its light rings stand out most from its dark ones.
 * Null when nothing there stands out by MIN_PATTERN_CONTRAST of the finder's contrast.
 */
function findPattern(
  grey: GreyImage,
  h: Homography,
  u: number,
  v: number,
  reach: number,
  contrast: number,
  pattern: Pattern,
): [number, number] | null {
  const best = matchPattern(grey, h, u, v, reach, pattern, 1);
  return best.score >= contrast * MIN_PATTERN_CONTRAST ? [best.x, best.y] : null;
}

interface Pattern {
  radius: number;
  light: number[];
}

/**
 * Where near module (u, v) a pattern matches best, and how well (mean of its light rings
 * minus mean of its dark ones): searched within `reach` modules on a grid of `step` px,
 * then to half a pixel around the best.
 */
function matchPattern(grey: GreyImage, h: Homography, u: number, v: number, reach: number, pattern: Pattern, step: number): { x: number; y: number; score: number } {
  const [x0, y0] = h.map(u, v);
  const [x1, y1] = h.map(u + 1, v);
  const [x2, y2] = h.map(u, v + 1);
  const module = (Math.hypot(x1 - x0, y1 - y0) + Math.hypot(x2 - x0, y2 - y0)) / 2;
  const r = pattern.radius;
  const cells: Array<{ dx: number; dy: number; light: boolean }> = [];
  for (let j = -r; j <= r; j++) {
    for (let i = -r; i <= r; i++) {
      const [px, py] = h.map(u + i, v + j);
      cells.push({ dx: px - x0, dy: py - y0, light: pattern.light.includes(Math.max(Math.abs(i), Math.abs(j))) });
    }
  }
  const lights = cells.filter((c) => c.light).length;
  const taps = cells.map((c) => ({ dx: c.dx, dy: c.dy, weight: c.light ? 1 / lights : -1 / (cells.length - lights) }));
  const score = (x: number, y: number): number => {
    let s = 0;
    for (const t of taps) s += t.weight * bilinear(grey, x + t.dx, y + t.dy);
    return s;
  };
  const best = { x: x0, y: y0, score: -Infinity };
  const search = (cx: number, cy: number, span: number, by: number): void => {
    for (let dy = -span; dy <= span; dy += by) {
      for (let dx = -span; dx <= span; dx += by) {
        const s = score(cx + dx, cy + dy);
        if (s > best.score) [best.x, best.y, best.score] = [cx + dx, cy + dy, s];
      }
    }
  };
  search(x0, y0, reach * module, step);
  search(best.x, best.y, step, 0.5);
  return best;
}

/**
 * Each module's value: the mean of nine points over its central area (±0.22 module), so
 * gain noise and JPEG blocks average out; dark when below the mean of the modules around
 * it, after taking out part of what its four neighbours bled into it (blur lifts a dark
 * module among light ones and dims a light one among dark ones).
 */
function sampleBits(grey: GreyImage, h: Homography, n: number): Uint8Array {
  const values = new Float32Array(n * n);
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      let sum = 0;
      for (let sy = -1; sy <= 1; sy++) {
        for (let sx = -1; sx <= 1; sx++) {
          const [px, py] = h.map(mx + 0.5 + 0.22 * sx, my + 0.5 + 0.22 * sy);
          sum += bilinear(grey, px, py);
        }
      }
      values[my * n + mx] = sum / 9;
    }
  }
  const table = new Float64Array((n + 1) * (n + 1));
  for (let y = 0; y < n; y++) {
    let row = 0;
    for (let x = 0; x < n; x++) {
      row += values[y * n + x]!;
      table[(y + 1) * (n + 1) + x + 1] = table[y * (n + 1) + x + 1]! + row;
    }
  }
  const bits = new Uint8Array(n * n);
  const r = THRESHOLD_RADIUS;
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      const x0 = Math.max(0, mx - r);
      const x1 = Math.min(n, mx + r + 1);
      const y0 = Math.max(0, my - r);
      const y1 = Math.min(n, my + r + 1);
      const local =
        (table[y1 * (n + 1) + x1]! - table[y1 * (n + 1) + x0]! - table[y0 * (n + 1) + x1]! + table[y0 * (n + 1) + x0]!) / ((x1 - x0) * (y1 - y0));
      let around = 0;
      let count = 0;
      for (const [dx, dy] of NEIGHBOURS) {
        const x = mx + dx;
        const y = my + dy;
        if (x < 0 || y < 0 || x >= n || y >= n) continue;
        around += values[y * n + x]!;
        count++;
      }
      const v = values[my * n + mx]! - NEIGHBOUR_WEIGHT * (around / count - local);
      bits[my * n + mx] = v < local ? 1 : 0;
    }
  }
  return bits;
}

const NEIGHBOURS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;

/** The modules drawn as a clean code (function patterns as the standard has them), with a quiet zone, as RGBA. */
function draw(bits: Uint8Array, version: number): RgbaImage {
  const n = sideOf(version);
  const fixed = functionModules(version);
  const side = (n + 2 * DRAW_QUIET) * DRAW_MODULE;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      const i = my * n + mx;
      const dark = fixed[i] === -1 ? bits[i] === 1 : fixed[i] === 1;
      if (!dark) continue;
      for (let y = 0; y < DRAW_MODULE; y++) {
        const row = ((my + DRAW_QUIET) * DRAW_MODULE + y) * side;
        for (let x = 0; x < DRAW_MODULE; x++) {
          const o = (row + (mx + DRAW_QUIET) * DRAW_MODULE + x) * 4;
          data[o] = data[o + 1] = data[o + 2] = 0;
        }
      }
    }
  }
  return { width: side, height: side, data };
}

/** The grey value at (x, y) in pixel coordinates (pixel i covers [i, i+1)), edges clamped. */
function bilinear(image: GreyImage, x: number, y: number): number {
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
