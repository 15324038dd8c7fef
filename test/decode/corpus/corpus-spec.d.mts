/** A QR matrix: `size`×`size` modules, 1 = dark. */
export interface QrModules {
  size: number;
  data: Uint8Array;
}

/** One corpus frame's degradations (see corpus-spec.mjs). */
export interface FrameSpec {
  id: string;
  category: string;
  seed: number;
  tokenIndex: number | null;
  kind: 'card' | 'phone';
  sizePx: number;
  rotationDeg: number;
  tiltDeg: number;
  tiltAxisDeg: number;
  contrast: number;
  exposure: number;
  blurSigma: number;
  motionPx: number;
  motionAngleDeg: number;
  noiseSigma: number;
  glare: { dx: number; dy: number; radius: number; peak: number } | null;
  wear: number;
}

export const CORPUS_SEED: number;
export const MIN_PITCH_PX: number;
export const CATEGORIES: Record<string, number>;
export const EMPTY_FRAMES: number;
export function corpusSpecs(moduleCounts: number[]): FrameSpec[];
