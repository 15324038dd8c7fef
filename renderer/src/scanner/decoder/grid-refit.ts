import { fitHomography, type Correspondence, type Homography } from './homography.js';
import type { GreyImage } from './grey-image.js';
import { ALIGNMENT, FINDER, finderContrast, findPattern, moduleAt, residual } from './pattern-match.js';
import { alignmentCentres, sideOf } from './qr-layout.js';

/**
 * A guess's grid made exact (module-grid.ts, the detector): the projection through the
 * finders and the timing lines' ends, extended alignment pattern by alignment pattern
 * outwards, then every pattern matched again under that fit and the grid fitted through them.
 */

/** Modules around its predicted place an alignment pattern is looked for. */
const ALIGNMENT_REACH = 1.5;
/** An alignment pattern further than this (modules) from the fit of all is dropped. */
const MAX_RESIDUAL = 0.5;

/**
 * The projection from module coordinates to the crop: through the finders' centres, then
 * refined by each alignment pattern found near where the current fit puts it, nearest
 * the top-left finder first. Null when the finders are degenerate.
 */
export function fitGrid(grey: GreyImage, start: Homography, version: number): Homography | null {
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
  h = kept.length === points.length ? h : (fitHomography(kept) ?? h);
  for (let round = 0; round < REFINE_ROUNDS; round++) h = refit(grey, h, version, contrast);
  return h;
}

/** Rounds of refit after the first fit. */
const REFINE_ROUNDS = 2;
/** Modules around the fit's place a pattern is matched again within. */
const REFIT_REACH = 0.75;

/**
 * Every pattern matched again where the fit puts it (finders too: their centres came from
 * run lengths, a pixel or two off under blur and noise, and a finder two pixels off turns
 * the modules near it), and the projection fitted through those found alone, the ones off
 * the fit of the others dropped. The fit stands when fewer than four are found.
 */
function refit(grey: GreyImage, h: Homography, version: number, contrast: number): Homography {
  const n = sideOf(version);
  const points: Correspondence[] = [];
  const finders: Array<[number, number]> = [
    [3.5, 3.5],
    [n - 3.5, 3.5],
    [3.5, n - 3.5],
  ];
  for (const [u, v] of finders) {
    const found = findPattern(grey, h, u, v, REFIT_REACH, contrast, FINDER);
    if (found !== null) points.push({ u, v, x: found[0], y: found[1] });
  }
  for (const [cx, cy] of alignmentCentres(version)) {
    const found = findPattern(grey, h, cx + 0.5, cy + 0.5, REFIT_REACH, contrast, ALIGNMENT);
    if (found !== null) points.push({ u: cx + 0.5, v: cy + 0.5, x: found[0], y: found[1] });
  }
  if (points.length < 4) return h;
  const first = fitHomography(points);
  if (first === null) return h;
  const kept = points.filter((p) => residual(first, p) <= MAX_RESIDUAL * moduleAt(first, p.u, p.v));
  return kept.length < 4 ? h : (fitHomography(kept) ?? h);
}
