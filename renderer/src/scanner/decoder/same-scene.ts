import type { RgbaImage } from './grey-image.js';
import type { Region } from './locate-code.js';

/** Side (px) of the blocks a scene print averages: a few modules, so sensor noise averages out while a code's pattern does not. */
const BLOCK = 8;
/**
 * The most two prints of one region may differ and still show the same scene: the mean
 * absolute difference of their block means (grey levels, 0–255) once the overall
 * brightness change (a camera's exposure settling) is taken out must be under
 * SAME_SCENE_MAX and under SAME_SCENE_SHARE of the first print's own spread (its texture:
 * a faint code's flat blocks differ little from anything). On the tuning split "tune-2" a
 * still card under fresh sensor noise of 8 grey levels differs by at most 1.1 levels and
 * 0.08 of its spread; another card in the same place by 2.2–41 levels; the counter without
 * the card by 0.25–1.5 of the spread (test/decode/same-scene.test.ts). A frame that
 * differs more is not refused: it gets the full check (camera-decoder.ts), so a wrong
 * "different" only costs time.
 */
export const SAME_SCENE_MAX = 2;
export const SAME_SCENE_SHARE = 0.1;

/** The block means of one region of a frame (luma, as toGrey), for telling whether a later frame still shows the same scene there. */
export interface ScenePrint {
  region: Region;
  means: Float32Array;
  /** The standard deviation of the block means: how much texture the region shows. */
  spread: number;
}

/**
 * The print of `region` in `frame`: the mean luma of each BLOCK × BLOCK block, every pixel
 * (a fraction of a millisecond for a card's region, against 8 ms for finding the region
 * and its finder-like stacks again).
 */
export function scenePrint(frame: RgbaImage, region: Region): ScenePrint {
  const { width, data } = frame;
  const x0 = Math.max(0, Math.floor(region.x0));
  const y0 = Math.max(0, Math.floor(region.y0));
  const x1 = Math.min(width, Math.floor(region.x1));
  const y1 = Math.min(frame.height, Math.floor(region.y1));
  const across = Math.max(0, Math.floor((x1 - x0) / BLOCK));
  const down = Math.max(0, Math.floor((y1 - y0) / BLOCK));
  const means = new Float32Array(across * down);
  for (let by = 0; by < down; by++) {
    for (let bx = 0; bx < across; bx++) {
      let sum = 0;
      for (let y = y0 + by * BLOCK; y < y0 + (by + 1) * BLOCK; y += 1) {
        for (let x = x0 + bx * BLOCK, o = (y * width + x) * 4; x < x0 + (bx + 1) * BLOCK; x += 1, o += 4) {
          sum += 306 * data[o]! + 601 * data[o + 1]! + 117 * data[o + 2]!;
        }
      }
      means[by * across + bx] = sum / 1024 / (BLOCK * BLOCK);
    }
  }
  let sum = 0;
  let squares = 0;
  for (const m of means) {
    sum += m;
    squares += m * m;
  }
  const mean = means.length > 0 ? sum / means.length : 0;
  const spread = means.length > 0 ? Math.sqrt(Math.max(0, squares / means.length - mean * mean)) : 0;
  return { region: { x0, y0, x1, y1 }, means, spread };
}

/**
 * How far apart two prints of the same region are (see SAME_SCENE_MAX); Infinity when their
 * regions differ or hold no block.
 */
export function sceneDistance(a: ScenePrint, b: ScenePrint): number {
  const same = a.region.x0 === b.region.x0 && a.region.y0 === b.region.y0 && a.region.x1 === b.region.x1 && a.region.y1 === b.region.y1;
  if (!same || a.means.length === 0 || a.means.length !== b.means.length) return Infinity;
  let shift = 0;
  for (let i = 0; i < a.means.length; i++) shift += b.means[i]! - a.means[i]!;
  shift /= a.means.length;
  let distance = 0;
  for (let i = 0; i < a.means.length; i++) distance += Math.abs(b.means[i]! - a.means[i]! - shift);
  return distance / a.means.length;
}

/** Whether `frame` still shows, in the print's region, the scene the print was taken of. */
export function showsSameScene(print: ScenePrint, frame: RgbaImage): boolean {
  const distance = sceneDistance(print, scenePrint(frame, print.region));
  return distance < SAME_SCENE_MAX && distance < SAME_SCENE_SHARE * print.spread;
}
