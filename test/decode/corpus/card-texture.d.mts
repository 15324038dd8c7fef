import type { FrameSpec } from './corpus-spec.mjs';

export const QUIET: number;
/** The thumb of a "finger" frame: a capsule (module units) and the share of modules it covers. */
export function fingerShape(finger: NonNullable<FrameSpec['finger']>, n: number): { from: number[]; to: number[]; radius: number; cover: number };
