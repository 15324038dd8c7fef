/** How the fake camera's loop is cut: an empty view first, then the card held up. */
export interface FakeCameraOptions {
  /** Seconds of an empty, dark view before the card appears (more than the decoder's 1 s "same code" quiet time). */
  emptySeconds: number;
  /** Seconds the card's QR stays in view. */
  cardSeconds: number;
  fps: number;
  /** The QR's side in the 640×480 frame, in pixels. */
  size: number;
}

/** A 2.2-second loop: 1.2 s of an empty counter, then 1 s of the card at 440 px; Chromium replays the file endlessly. */
export const FAKE_CAMERA_DEFAULTS: Readonly<FakeCameraOptions>;

/** Mean brightness (0–255) between the empty view (~64) and the card frame (~170): the page-side probe's threshold. */
export const CARD_IN_VIEW_BRIGHTNESS: number;

/** Writes the .y4m of `qrPng` (a dark empty view, then the QR on white) to `outY4m` and returns `outY4m`. */
export function makeFakeCamera(qrPng: string, outY4m: string, options?: Partial<FakeCameraOptions>): string;
