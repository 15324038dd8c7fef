import { execFileSync } from 'node:child_process';

/** How the fake camera's loop is cut: an empty view first, then the card held up. */
export interface FakeCameraOptions {
  /** Seconds of an empty, dark view before the card appears (more than the decoder's 1 s "same code" quiet time). */
  emptySeconds: number;
  /** Seconds the card's QR stays in view. */
  cardSeconds: number;
  fps: number;
}

/** A 2.2-second loop: 1.2 s of an empty counter, then 1 s of the card; Chromium replays the file endlessly. */
export const FAKE_CAMERA_DEFAULTS: FakeCameraOptions = { emptySeconds: 1.2, cardSeconds: 1, fps: 25 };

/** Mean brightness (0–255) between the empty view (~64) and the card frame (~170): the page-side probe's threshold. */
export const CARD_IN_VIEW_BRIGHTNESS = 120;

/**
 * Writes a 640×480 .y4m for Chromium's `--use-file-for-fake-video-capture`: a dark empty view,
 * then the card's QR PNG scaled to 440 px on white. The dark-to-bright cut lets the page see the
 * very frame in which the QR enters the view, which is where the camera→verdict time starts.
 */
export function makeFakeCamera(qrPng: string, outY4m: string, options: FakeCameraOptions = FAKE_CAMERA_DEFAULTS): string {
  const { emptySeconds, cardSeconds, fps } = options;
  const filter = [
    `[1:v]scale=440:440:flags=area,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,format=yuv420p,setsar=1[card]`,
    `[0:v]format=yuv420p,setsar=1[empty]`,
    `[empty][card]concat=n=2:v=1:a=0[v]`,
  ].join(';');
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=0x404040:s=640x480:r=${fps}:d=${emptySeconds}`,
    '-loop', '1', '-framerate', String(fps), '-t', String(cardSeconds), '-i', qrPng,
    '-filter_complex', filter, '-map', '[v]', '-pix_fmt', 'yuv420p', outY4m,
  ];
  try {
    execFileSync('ffmpeg', args, { stdio: 'pipe' });
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : String(error);
    throw new Error(`e2e: ffmpeg could not make the fake camera file (is ffmpeg installed? apt-get install ffmpeg): ${detail.trim()}`, { cause: error });
  }
  return outY4m;
}
