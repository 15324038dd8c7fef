#!/usr/bin/env node
/**
 * Makes a fake-camera video for end-to-end tests: a PNG (a demo card's QR, by default
 * .jinka-demo/cards/gold-a.png) centred on a white 640×480 picture, as a .y4m (yuv420p)
 * that Chromium plays in a loop as its camera with
 *   --use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>.y4m
 * With --lead-in the picture is empty for that long first, so a test can time the code
 * entering the camera's view.
 *
 *   node test/decode/make-fake-camera.mjs [--in card.png] [--out file.y4m]
 *        [--seconds 3] [--fps 15] [--lead-in 0] [--size 400]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes the .y4m and returns its path. `size` is the QR image's side in the frame, in pixels. */
export function makeFakeCamera({ input, output, seconds = 3, fps = 15, leadIn = 0, size = 400, ffmpeg = 'ffmpeg' }) {
  if (!existsSync(input)) throw new Error(`no such image: ${input} (run \`npm run demo\` to make the demo cards)`);
  if (!(leadIn >= 0 && leadIn < seconds)) throw new Error('--lead-in must be at least 0 and shorter than --seconds');
  mkdirSync(dirname(output), { recursive: true });
  const graph = [
    `[1:v]scale=${size}:${size}:force_original_aspect_ratio=decrease:flags=neighbor[card]`,
    `[0:v][card]overlay=(W-w)/2:(H-h)/2:enable='gte(t,${leadIn})',format=yuv420p[out]`,
  ].join(';');
  execFileSync(
    ffmpeg,
    [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=white:s=640x480:r=${fps}:d=${seconds}`,
      '-loop', '1', '-i', input,
      '-filter_complex', graph, '-map', '[out]',
      '-t', String(seconds), '-r', String(fps),
      '-f', 'yuv4mpegpipe', output,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return output;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
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
  makeFakeCamera({ input, output, seconds: Number(values.seconds), fps: Number(values.fps), leadIn: Number(values['lead-in']), size: Number(values.size) });
  console.log(output);
}
