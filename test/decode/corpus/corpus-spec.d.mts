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
  /** 640×480 unless a category says otherwise (1280×720 webcams). */
  frameWidth?: number;
  frameHeight?: number;
  /** A straight motion streak (a moving hand) rather than the short shake of `motionPx`. */
  motionLine?: boolean;
  /** A colour sensor's RGGB mosaic, demosaiced (the webcam of "phone-moire"). */
  bayer?: boolean;
  /** Light modules on a dark ground. */
  invert?: boolean;
  /** A phone's screen: pixel grid (moiré), the glass's reflection, a cracked protector. */
  screen?: {
    pixelsPerModule: number;
    fill: number;
    moire: number;
    reflection: { angleDeg: number; offset: number; width: number; peak: number; veil: number } | null;
    cracks: { count: number; u: number; v: number; seed: number } | null;
  } | null;
  /** The webcam's MJPEG quality (1–100), or null for no compression. */
  jpegQuality?: number | null;
  /** A thumb over part of the code (see card-texture.mjs fingerShape). */
  finger?: { edge: 'bottom' | 'right'; along: number; width: number; angleDeg: number; cover: number; seed: number } | null;
  /** "phone-glare" only: raw draws before this one that the glare bound excluded (corpus-spec.mjs). */
  boundExcluded?: number;
}

export const CORPUS_SEED: number;
export const SPLIT_SEEDS: Record<'measure' | 'tune' | 'tune-2' | 'tune-3' | 'tune-4' | 'tune-5', number>;
export const MIN_PITCH_PX: number;
export const CATEGORIES: Record<string, number>;
export const EMPTY_FRAMES: number;
export function corpusSpecs(moduleCounts: number[], split?: 'measure' | 'tune' | 'tune-2' | 'tune-3' | 'tune-4' | 'tune-5'): FrameSpec[];
