#!/usr/bin/env node
/**
 * The fake camera of the browser tests: a card's QR PNG made into a 640×480 yuv420p .y4m that
 * Chromium plays in a loop as its camera with
 *   --use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>.y4m
 * First a dark, empty view, then the QR on white: the dark-to-bright cut lets the page see the
 * very frame in which the QR enters the view, which is where the camera→verdict time starts.
 * Plain .mjs (typed by fake-camera.d.mts) so that it also runs as a command:
 *
 *   node test/support/fake-camera.mjs [--in card.png] [--out file.y4m]
 *        [--seconds 3] [--fps 15] [--lead-in 0] [--size 400]
 *
 * (by default .jinka-demo/cards/gold-a.png into test-artifacts/fake-camera/; --lead-in is
 * the empty view's length, --seconds the whole video's).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A 2.2-second loop: 1.2 s of an empty counter, then 1 s of the card at 440 px; Chromium replays the file endlessly. */
export const FAKE_CAMERA_DEFAULTS = Object.freeze({ emptySeconds: 1.2, cardSeconds: 1, fps: 25, size: 440 });

/** Mean brightness (0–255) between the empty view (~64) and the card frame (~170): the page-side probe's threshold. */
export const CARD_IN_VIEW_BRIGHTNESS = 120;

/**
 * Writes the .y4m of `qrPng` to `outY4m` (making its folder) and returns `outY4m`: `emptySeconds`
 * of a dark view (none when 0), then `cardSeconds` of the PNG scaled to `size` px on white.
 */
export function makeFakeCamera(qrPng, outY4m, options = {}) {
  const { emptySeconds, cardSeconds, fps, size } = { ...FAKE_CAMERA_DEFAULTS, ...options };
  if (!existsSync(qrPng)) throw new Error(`fake camera: no such image: ${qrPng} (run \`npm run demo\` to make the demo cards)`);
  if (!(emptySeconds >= 0 && cardSeconds > 0)) throw new Error('fake camera: the empty view must be at least 0 s and the card in view longer than 0 s');
  if (!(size > 0 && size <= 480)) throw new Error('fake camera: the card must be 1 to 480 px');
  mkdirSync(dirname(outY4m), { recursive: true });
  const card = `[1:v]scale=${size}:${size}:flags=area,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,format=yuv420p,setsar=1[card]`;
  const filter = [card, `[0:v]format=yuv420p,setsar=1[empty]`, `[empty][card]concat=n=2:v=1:a=0[v]`].join(';');
  const empty = ['-f', 'lavfi', '-i', `color=c=0x404040:s=640x480:r=${fps}:d=${emptySeconds}`];
  const qr = ['-loop', '1', '-framerate', String(fps), '-t', String(cardSeconds), '-i', qrPng];
  const graph =
    emptySeconds > 0
      ? [...empty, ...qr, '-filter_complex', filter, '-map', '[v]']
      : [...qr, '-filter_complex', card.replace('[1:v]', '[0:v]'), '-map', '[card]'];
  const args = ['-hide_banner', '-loglevel', 'error', '-y', ...graph, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', outY4m];
  try {
    execFileSync('ffmpeg', args, { stdio: 'pipe' });
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`fake camera: ffmpeg could not make the file (is ffmpeg installed? apt-get install ffmpeg): ${detail.trim()}`, { cause: error });
  }
  return outY4m;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: join(repoRoot, '.jinka-demo', 'cards', 'gold-a.png') },
      out: { type: 'string' },
      seconds: { type: 'string', default: '3' },
      fps: { type: 'string', default: '15' },
      'lead-in': { type: 'string', default: '0' },
      size: { type: 'string', default: '400' },
    },
  });
  const input = resolve(values.in);
  const output = resolve(values.out ?? join(repoRoot, 'test-artifacts', 'fake-camera', `${basename(input, '.png')}.y4m`));
  const emptySeconds = Number(values['lead-in']);
  makeFakeCamera(input, output, { emptySeconds, cardSeconds: Number(values.seconds) - emptySeconds, fps: Number(values.fps), size: Number(values.size) });
  console.log(output);
}
