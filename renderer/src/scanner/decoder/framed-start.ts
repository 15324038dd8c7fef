import { fitFinder, type FittedFinder, type ModuleFrame } from './finder-frame.js';
import type { FinderStack } from './finder-texture.js';
import type { Triple } from './finder-triples.js';
import type { GreyImage } from './grey-image.js';
import { fitHomography, type Correspondence, type Homography } from './homography.js';
import { bilinear } from './pattern-match.js';
import { alternation } from './qr-layout.js';

/**
 * A finder triple's projection through its finders' own frames (module-grid.ts, the
 * detector's 'further' looks): each finder matched in its own frame (finder-frame.ts), the
 * projection fitted through points around each, and the timing lines' correlation under it.
 * On a steep tilt the timing lines can correlate best at a wrong foreshortening (gain noise,
 * a screen's pixel gaps) while the finders' shapes show the true one.
 */

/** Module offsets from a finder's centre through which its own frame is fitted (framedStart). */
const FRAME_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [3, 0],
  [-3, 0],
  [0, 3],
  [0, -3],
];

/** A triple's finders each matched in its own frame (finder-frame.ts), started along the triple's axes; fits shared between triples. */
export function framedFinders(grey: GreyImage, t: Triple, cache: Map<string, FittedFinder>): [FittedFinder, FittedFinder, FittedFinder] {
  const across = Math.hypot(t.tr.x - t.tl.x, t.tr.y - t.tl.y);
  const down = Math.hypot(t.bl.x - t.tl.x, t.bl.y - t.tl.y);
  const frame = {
    ux: ((t.tr.x - t.tl.x) / across) * t.module,
    uy: ((t.tr.y - t.tl.y) / across) * t.module,
    vx: ((t.bl.x - t.tl.x) / down) * t.module,
    vy: ((t.bl.y - t.tl.y) / down) * t.module,
  };
  const fit = (f: FinderStack): FittedFinder => {
    // A finder is symmetric under a right angle: a fit from another triple's axes serves.
    const key = `${Math.round(f.x)},${Math.round(f.y)}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = fitFinder(grey, f.x, f.y, frame);
      cache.set(key, found);
    }
    return { ...found, frame: alongAxes(found.frame, frame) };
  };
  return [fit(t.tl), fit(t.tr), fit(t.bl)];
}

/** A finder's frame with its axes swapped or reversed to lie along the triple's (a right angle's turn leaves a finder as it is). */
function alongAxes(f: ModuleFrame, axes: ModuleFrame): ModuleFrame {
  const options: Array<[number, number]> = [
    [f.ux, f.uy],
    [-f.ux, -f.uy],
    [f.vx, f.vy],
    [-f.vx, -f.vy],
  ];
  const along = (x: number, y: number): [number, number] => options.reduce((best, o) => (o[0] * x + o[1] * y > best[0] * x + best[1] * y ? o : best));
  const [ux, uy] = along(axes.ux, axes.uy);
  const [vx, vy] = along(axes.vx, axes.vy);
  return { ux, uy, vx, vy };
}

/** The projection of a code of side n through its finders' centres and frames (FRAME_POINTS of each); null when degenerate. */
export function framedStart([tl, tr, bl]: readonly FittedFinder[], n: number): Homography | null {
  const points: Correspondence[] = [];
  for (const [f, cu, cv] of [
    [tl!, 3.5, 3.5],
    [tr!, n - 3.5, 3.5],
    [bl!, 3.5, n - 3.5],
  ] as const) {
    for (const [du, dv] of FRAME_POINTS) {
      points.push({ u: cu + du, v: cv + dv, x: f.x + du * f.frame.ux + dv * f.frame.vx, y: f.y + du * f.frame.uy + dv * f.frame.vy });
    }
  }
  return fitHomography(points);
}

/** The timing correlation (as timingCorrelation, both lines averaged) under any projection. */
export function timingAlong(grey: GreyImage, h: Homography, n: number): number {
  const along = (line: 'across' | 'down'): number =>
    alternation(n, (i) => {
      const [x, y] = line === 'across' ? h.map(i + 0.5, 6.5) : h.map(6.5, i + 0.5);
      return bilinear(grey, x, y);
    });
  return (along('across') + along('down')) / 2;
}
