import type { FittedFinder } from './finder-frame.js';
import { framedFinders, framedStart, timingAlong } from './framed-start.js';
import { partnerSteps } from './finder-partners.js';
import { finderStacks, type FinderStack } from './finder-texture.js';
import { distinct, inferredTripleSteps, ownFrameTripleSteps, triples, versionsNear, type Triple } from './finder-triples.js';
import type { GreyImage, RgbaImage } from './grey-image.js';
import { fitGrid } from './grid-refit.js';
import type { Homography } from './homography.js';
import { drawCode, sampleModules } from './module-sample.js';
import { erasureCorrected } from './erasure-correct.js';
import { infoChance, infoDistance, type InfoDistance } from './function-info.js';
import { FINDER, FINDER_SPARSE, bilinear, finderLevels, findPattern, moduleAt } from './pattern-match.js';
import { sideOf } from './qr-layout.js';
import { FINE, timingFit } from './timing-fit.js';

/** Finder stacks considered (most rows first) and finder triples tried per crop. */
const MAX_STACKS = 8;
/** Rows a finder-like stack needs here (finder-texture.ts asks more where it gates the fallbacks). */
const MIN_ROWS = 3;
/** Rows of a weak stack: a finder whose other rows gain noise broke (see weakStacks). */
const WEAK_ROWS = 2;
/** Triples of stacks tried, the most code-like (right angle, equal sides) first. */
const MAX_TRIPLES = 6;
/** Grids sampled per set of triples: the (triple, version) pairs whose format and version information read best. */
const MAX_GRIDS = 3;
/**
 * Timing correlation (timingFit) below which a guess is not worth reading: low, since gain
 * noise on a dim counter's 2.5 px modules leaves a true grid's timing at 0.3; the format
 * and version information then rank the guesses.
 */
const MIN_TIMING = 0.25;
/** Modules around a stack's centre its finder is matched within. */
const FINDER_REACH = 1;

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
  for (const code of redrawnCodeSteps(finders, grey)) if (code !== PAUSE) yield code;
}

/**
 * A pause point in the detector's work: yielded after each costly step (the stacks found,
 * each guess's timing fit, each grid fitted), so a caller that spreads the work over
 * camera frames can stop there and resume on the next frame.
 */
export const PAUSE = null;
export type Pause = typeof PAUSE;

/**
 * redrawnCodes with its pause points (PAUSE between the costly steps). `infoSlack`: the bits
 * of format or version information a guess may read wrong and still be drawn (INFO_SLACK);
 * `pass`: the plain looks or the further ones (DetectorPass).
 */
export function* redrawnCodeSteps(finders: readonly GreyImage[], grey: GreyImage, infoSlack: number = INFO_SLACK, pass: DetectorPass = 'plain'): Generator<RgbaImage | Pause, void> {
  for (const candidate of gridSteps(finders, grey, infoSlack, pass)) {
    if (candidate === PAUSE) yield PAUSE;
    else {
      // Drawn corrected when its blocks correct with the washed-out modules as erasures
      // (erasure-correct.ts); as read otherwise, for the reader's own error correction.
      const { bits, unsure } = sampleModules(grey, candidate.grid, sideOf(candidate.version));
      yield drawCode(erasureCorrected(bits, unsure, candidate.version) ?? bits, candidate.version);
    }
  }
}

/** A grid redrawnCodes samples: a version and its module-to-pixel projection. */
export interface GridCandidate {
  version: number;
  grid: Homography;
  timing: number;
}

interface Guess {
  triple: Triple;
  version: number;
  /** Timing correlation, −1 to 1. */
  score: number;
  start: Homography;
  /** The start is the fit through the finders' own frames (framedStart), not the timing weights. */
  framed?: boolean;
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
export function* gridCandidates(finders: readonly GreyImage[], grey: GreyImage, pass: DetectorPass = 'plain'): Generator<GridCandidate, void> {
  for (const candidate of gridSteps(finders, grey, INFO_SLACK, pass)) if (candidate !== PAUSE) yield candidate;
}

/**
 * Which of the detector's looks a call makes. 'plain': the triples of three stacks, then
 * those with a third finder inferred within a quarter of the spacing, then the triple of
 * the strongest stack and its partners (finder-partners.ts), each started from its timing
 * lines. 'further': the costlier looks, given after every other look of a frame
 * (decode-pipeline.ts) so they never delay what the plain ones read: the same triples
 * started through their finders' own frames (framedStart), then the triples whose hidden
 * third is found further off in its own frame (ownFrameTripleSteps), started both ways,
 * then the two strongest stacks' partners, their triples through their own frames and each
 * partner's pair with its third found as before.
 */
export type DetectorPass = 'plain' | 'further';

/** How gridsOf starts a triple's guesses: from the timing lines, through the finders' own frames, or both. */
type Starts = 'timing' | 'framed' | 'both';

/** gridCandidates with its pause points (PAUSE after each costly step). */
function* gridSteps(finders: readonly GreyImage[], grey: GreyImage, infoSlack: number = INFO_SLACK, pass: DetectorPass = 'plain'): Generator<GridCandidate | Pause, void> {
  const all = finders.flatMap((image) => finderStacks(image, WEAK_ROWS));
  const stacks = distinct(all.filter((s) => s.rows >= MIN_ROWS))
    .sort((a, b) => b.rows - a.rows)
    .slice(0, MAX_STACKS);
  yield PAUSE;
  const starts: Starts = pass === 'plain' ? 'timing' : 'framed';
  yield* gridsOf(grey, triples(stacks).slice(0, MAX_TRIPLES), infoSlack, starts);
  if (pass === 'plain') {
    // The triples of three stacks drew nothing that read: noise may have left the strongest
    // finder alone (finder-partners.ts). Its partners found along its own axes, the triple
    // they make with it.
    for (const found of partnerSteps(stacks.slice(0, 1), grey)) {
      if (found === null) yield PAUSE;
      else yield* gridsOf(grey, triples([found.lone, ...found.partners]).slice(0, MAX_TRIPLES), infoSlack, starts);
    }
  }
  // Nor did those: noise may have hidden one finder.
  const inferred: Triple[] = [];
  for (const triple of inferredTripleSteps(stacks, grey)) {
    if (triple === null) yield PAUSE;
    else inferred.push(triple);
  }
  yield* gridsOf(grey, inferred, infoSlack, starts);
  if (pass === 'plain') return;
  // Nor did those: a steep tilt may have put the hidden finder further off. Each triple found
  // is fitted as soon as it is found (a sure guess drawn at once), not after the whole search.
  const weak = weakStacks(all, stacks);
  yield* gridsOf(grey, ownFrameTripleSteps(stacks, grey, weak), infoSlack, 'both');
  // Nor did those: a lone finder's partners (as in the plain looks) with the triples they
  // make started through their own frames, then each partner's pair with its third looked
  // for as above.
  for (const found of partnerSteps(stacks, grey)) {
    if (found === null) {
      yield PAUSE;
      continue;
    }
    const { lone, partners } = found;
    yield* gridsOf(grey, triples([lone, ...partners]).slice(0, MAX_TRIPLES), infoSlack, 'framed');
    for (const partner of partners) yield* gridsOf(grey, ownFrameTripleSteps([lone, partner], grey, weak), infoSlack, 'both');
  }
}

/** The stacks of WEAK_ROWS rows not within a module of a stronger one: candidates for a hidden third finder. */
function weakStacks(all: readonly FinderStack[], strong: readonly FinderStack[]): FinderStack[] {
  const near = (s: FinderStack, o: FinderStack): boolean => Math.hypot(o.x - s.x, o.y - s.y) < o.total / 7 + 1;
  return distinct(all.filter((s) => s.rows < MIN_ROWS && !all.some((o) => o.rows >= MIN_ROWS && near(s, o)))).filter((s) => !strong.some((o) => near(s, o)));
}

/**
 * The grids of some finder triples, best timing evidence first (see gridCandidates).
 * `candidates` may still be searching: a null is a pause in its search.
 */
function* gridsOf(grey: GreyImage, candidates: Iterable<Triple | null>, infoSlack: number, starts: Starts): Generator<GridCandidate | Pause, void> {
  const guesses: Guess[] = [];
  const infos = new Map<Guess, InfoDistance>();
  const drawn = new Set<Guess>();
  const framedFits = new Map<string, FittedFinder>();
  for (const rough of candidates) {
    if (rough === null) {
      yield PAUSE;
      continue;
    }
    // From the stacks' centres and from the finders matched as whole patterns: each is the
    // better start on some frames (blur shifts a stack's centre, noise a match).
    for (const version of starts === 'framed' ? [] : versionsNear(rough)) {
      const own: Guess[] = [];
      for (const triple of [rough, refineFinders(grey, rough, sideOf(version))]) {
        own.push({ triple, version, ...timingFit(grey, triple, sideOf(version)) });
        yield PAUSE;
      }
      guesses.push(...own);
      // A guess whose information leaves no doubt (on most codes the best-shaped triple,
      // the first, at its true version) is drawn at once, before the other versions' and
      // triples' timing fits are paid for.
      const sure = (yield* plausibleOf(grey, own, infos, infoSlack)).filter((g) => g.chance <= SURE_CHANCE);
      for (const guess of sure) {
        drawn.add(guess.guess);
        yield* fitted(grey, guess);
      }
    }
    // The projection through the finders' own frames: a steep tilt's timing lines can
    // correlate best at a foreshortening far from the true one (gain noise, a screen's
    // pixel gaps), while the finders' shapes show it.
    if (starts === 'timing') continue;
    const framed = framedFinders(grey, rough, framedFits);
    yield PAUSE;
    const own: Guess[] = [];
    for (const version of versionsNear(rough)) {
      const start = framedStart(framed, sideOf(version));
      if (start !== null) own.push({ triple: rough, version, score: timingAlong(grey, start, sideOf(version)), start, framed: true });
    }
    guesses.push(...own);
    const sure = (yield* plausibleOf(grey, own, infos, infoSlack)).filter((g) => g.chance <= SURE_CHANCE);
    for (const guess of sure) {
      drawn.add(guess.guess);
      yield* fitted(grey, guess);
    }
  }
  // Every triple's guesses ranked together; those drawn already are not drawn again.
  const plausible = yield* plausibleOf(grey, guesses, infos, infoSlack);
  for (const guess of plausible.slice(0, MAX_GRIDS)) if (!drawn.has(guess.guess)) yield* fitted(grey, guess);
}

/**
 * Chance (infoChance) under which a triple's guess is drawn as soon as its triple is fitted:
 * both format copies and a version copy read that close to the codewords by chance
 * almost never.
 */
const SURE_CHANCE = 1e-6;

interface Plausible {
  guess: Guess;
  chance: number;
  rank: number;
}

/**
 * The format and version information beside the finders, read through each guess's
 * projection (exact near the finders): a wrong triple or version reads bits far from every
 * BCH codeword. The plausible guesses, the least likely by chance first (then by timing
 * evidence); `infos` keeps what was read, so no guess is read twice.
 */
function* plausibleOf(grey: GreyImage, guesses: Guess[], infos: Map<Guess, InfoDistance>, infoSlack: number): Generator<Pause, Plausible[]> {
  const plausible: Plausible[] = [];
  for (const [rank, g] of byEvidence([...guesses]).filter((g) => g.score >= MIN_TIMING).entries()) {
    let info = infos.get(g);
    if (info === undefined) {
      info = infoAt(grey, g.start, g.version);
      infos.set(g, info);
      yield PAUSE;
    }
    if (info.format <= infoSlack && info.version <= infoSlack) plausible.push({ guess: g, rank, chance: infoChance(info, g.version) });
  }
  return plausible.sort((a, b) => a.chance - b.chance || a.rank - b.rank);
}

/** A plausible guess fitted: its foreshortening found again on the fine grid of weights, then the grid through the alignment patterns. */
function* fitted(grey: GreyImage, { guess }: Plausible): Generator<GridCandidate | Pause, void> {
  const { version, triple } = guess;
  const fine = guess.framed === true ? guess : timingFit(grey, triple, sideOf(version), FINE);
  const { score, start } = fine.score >= guess.score ? fine : guess;
  yield PAUSE;
  const grid = fitGrid(grey, start, version);
  yield PAUSE;
  if (grid !== null) yield { version, grid, timing: score };
  // Alignment patterns matched in the wrong places can pull the far corner away; the
  // grid from the finders and timing lines alone is the fallback, unless it is the same.
  if (grid === null || farCorner(grid, start, sideOf(version)) > 0.5) yield { version, grid: start, timing: score };
}

/**
 * Bits of format or version information a plausible guess may read wrong in its better
 * copy: more than the codes correct (3), as this quick read thresholds each module against
 * its nearest finder, not against the modules around it as sampleBits does.
 */
const INFO_SLACK = 5;

/** The format and version information's distance from their codewords (function-info.ts) under a projection. */
function infoAt(grey: GreyImage, h: Homography, version: number): InfoDistance {
  const n = sideOf(version);
  const corners: Array<[number, number]> = [
    [0, 0],
    [n - 7, 0],
    [0, n - 7],
  ];
  const mids = corners.map(([u, v]) => {
    const { light, dark } = finderLevels(grey, h, u, v);
    return (light + dark) / 2;
  });
  const dark = (x: number, y: number): boolean => {
    // The finder nearest the module sets its threshold (the light falls off across a card).
    const nearest = x > n / 2 ? 1 : y > n / 2 ? 2 : 0;
    let sum = 0;
    for (const [dx, dy] of MODULE_AREA) {
      const [px, py] = h.map(x + 0.5 + dx, y + 0.5 + dy);
      sum += bilinear(grey, px, py);
    }
    return sum / MODULE_AREA.length < mids[nearest]!;
  };
  return infoDistance(dark, version);
}

/** Where a module is read for infoAt: its centre and four points 0.2 module off it. */
const MODULE_AREA: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [-0.2, -0.2],
  [0.2, -0.2],
  [-0.2, 0.2],
  [0.2, 0.2],
];

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
    const found = findPattern(grey, local, 0, 0, FINDER_REACH, 0, FINDER, FINDER_SPARSE);
    return found === null ? f : { ...f, x: found[0], y: found[1] };
  };
  return { ...t, tl: refine(t.tl), tr: refine(t.tr), bl: refine(t.bl) };
}

/** How far apart (in modules) two grids put the code's bottom-right corner, the one the finders do not fix. */
function farCorner(a: Homography, b: Homography, n: number): number {
  const [ax, ay] = a.map(n, n);
  const [bx, by] = b.map(n, n);
  return Math.hypot(ax - bx, ay - by) / moduleAt(a, n - 1, n - 1);
}
