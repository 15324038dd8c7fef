import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchHeadlessChromium } from '../../support/chromium.mjs';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built counter UI the bridge serves (`npm run build:renderer`). */
export const RENDERER_DIR = join(ROOT, 'dist/renderer');

/** Where the suite leaves its screenshots (git-ignored). */
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts/e2e');

/** The verdict sounds play without a click first (the app unlocks audio on a gesture otherwise). */
const AUTOPLAY_ARGS = ['--autoplay-policy=no-user-gesture-required'];

/** Flags that give the page a fake camera playing `y4m` in a loop, granted without a prompt. */
export function fakeCameraArgs(y4m: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`];
}

/** Fails with what to run when the counter UI has not been built. */
export function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`e2e: the counter UI is not built (${RENDERER_DIR}/index.html missing). Run: npm run build:renderer (npm test builds it first)`);
  }
}

/** Launches one headless Chromium for a test file (camera flags when a .y4m is given). */
export function launchChromium(options: { camera?: string } = {}): Promise<Browser> {
  return launchHeadlessChromium([...AUTOPLAY_ARGS, ...(options.camera !== undefined ? fakeCameraArgs(options.camera) : [])]);
}
