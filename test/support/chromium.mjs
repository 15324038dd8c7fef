/**
 * The Debian Chromium that the browser tests (test/e2e) and the decode bench and test
 * (test/decode) drive: where it is, and the flags every launch shares. Plain .mjs (typed by
 * chromium.d.mts) so that the bench runs under node without a build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Flags for a quiet headless Chromium that fetches nothing on its own. */
export const QUIET_CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * The Debian Chromium (`command -v chromium`). A missing browser fails with what to do: a
 * browser test that silently skips proves nothing.
 */
export function chromiumPath() {
  let found;
  try {
    found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    found = '';
  }
  if (found === '' || !existsSync(found)) {
    throw new Error('Chromium not found (`command -v chromium` is empty). Install Debian Chromium: apt-get install chromium');
  }
  return found;
}

/** Launches headless Chromium with the quiet flags and then `args`. */
export async function launchHeadlessChromium(args = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_CHROMIUM_ARGS, ...args] });
}
