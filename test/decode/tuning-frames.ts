import { expect } from 'vitest';
import { cropGrey } from '../../renderer/src/scanner/decoder/crop-enlarge.js';
import { decodeFrame } from '../../renderer/src/scanner/decoder/decode-pipeline.js';
import { toGrey, type GreyImage, type RgbaImage } from '../../renderer/src/scanner/decoder/grey-image.js';
import type { Homography } from '../../renderer/src/scanner/decoder/homography.js';
import { locateRegions } from '../../renderer/src/scanner/decoder/locate-code.js';
import { restoreContrast, smoothGrey } from '../../renderer/src/scanner/decoder/restore-contrast.js';
import { loadCardTokens, qrModules } from './corpus/build-corpus.mjs';
import { corpusSpecs, type FrameSpec } from './corpus/corpus-spec.mjs';
import { renderFrame } from './corpus/render-frame.mjs';
import { trueGrid } from './true-grid.js';
import { zxingReader } from './zxing-reader.js';

/**
 * The tuning frames the detector's rules are tested on (never the measured split's): the
 * card tokens, a frame's spec by split and id, the frame rendered, its busy-region crop with
 * the true grid, and "read only through the re-drawn code".
 */

export const tokens = loadCardTokens();
export const modules = tokens.map((t) => qrModules(t));

export type TuningSplit = 'tune' | 'tune-2' | 'tune-3' | 'tune-4' | 'tune-5';

/** One frame's spec of a tuning split, by its id (never the measured split). */
export function tuningFrame(split: TuningSplit, id: string): FrameSpec {
  const spec = corpusSpecs(
    modules.map((m) => m.size),
    split,
  ).find((s) => s.id === id);
  if (spec === undefined) throw new Error(`no frame ${id} in the ${split} split`);
  return spec;
}

export const frame = (spec: FrameSpec): ReturnType<typeof renderFrame> => renderFrame(spec, modules[spec.tokenIndex!]!);

/** A frame's busy-region crop (as the pipeline cuts it), the true grid in it and the code's side. */
export function cropOf(spec: FrameSpec): { crop: GreyImage; truth: Homography; n: number; rendered: RgbaImage } {
  const rendered = frame(spec);
  const grey = toGrey(rendered as RgbaImage);
  const { region } = locateRegions(grey.data, grey.width, grey.height)!;
  const n = modules[spec.tokenIndex!]!.size;
  const truth = trueGrid(rendered, n, region);
  return { crop: cropGrey(grey, region), truth, n, rendered: rendered as RgbaImage };
}

/** A tuning frame read only through the re-drawn code: every other look misses it, and with the detector it reads its token. */
export async function reads(spec: FrameSpec, rendered: RgbaImage = frame(spec) as RgbaImage): Promise<void> {
  const copy = (): RgbaImage => ({ ...rendered, data: new Uint8ClampedArray(rendered.data) });
  expect(await decodeFrame(copy(), zxingReader(['drawn']))).toBeNull();
  expect(await decodeFrame(copy(), zxingReader())).toBe(tokens[spec.tokenIndex!]);
}

/** A crop's two images the detector finds finders in, as decode-pipeline.ts makes them: its contrast restored, plain and smoothed 3×3. */
export function finderImages(crop: GreyImage): GreyImage[] {
  return [restoreContrast(crop, 1, 6), restoreContrast(smoothGrey(crop, 1), 1, 8)];
}
