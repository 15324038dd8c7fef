import type { FrameSpec, QrModules } from './corpus-spec.mjs';

export const FRAME_WIDTH: number;
export const FRAME_HEIGHT: number;
export function renderFrame(
  spec: FrameSpec,
  modules: QrModules | null,
): { width: number; height: number; data: Uint8ClampedArray; geometry: { corners: number[][]; meanSidePx: number; minModulePx: number } };
/** Modules (1 = saturated) the frame's light drives to full scale even where ink is printed. */
export function saturatedModules(spec: FrameSpec, n: number): Uint8Array;
