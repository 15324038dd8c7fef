import { fitHomography, type Homography } from '../../renderer/src/scanner/decoder/homography.js';

/**
 * The true projection of a rendered frame's code, from the corners the corpus renderer
 * reports (analysis only: the decoder never sees them), in the frame or, given a crop's
 * origin, in that crop.
 */
export function trueGrid(rendered: { geometry: { corners: number[][] } }, n: number, origin: { x0: number; y0: number } = { x0: 0, y0: 0 }): Homography {
  const corners = [
    [0, 0],
    [n, 0],
    [n, n],
    [0, n],
  ] as const;
  const at = rendered.geometry.corners;
  return fitHomography(corners.map(([u, v], i) => ({ u, v, x: at[i]![0]! - origin.x0, y: at[i]![1]! - origin.y0 })))!;
}
