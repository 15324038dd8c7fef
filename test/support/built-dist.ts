import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Timeout for a hook that may have to build: tsc takes a while on a busy machine. */
export const BUILD_TIMEOUT_MS = 240_000;

/** The compiled CLI entry that bin/jinka.js loads. */
export const CLI_MAIN = join(ROOT, 'dist/electron/cli/main.js');

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = (): boolean =>
  !existsSync(CLI_MAIN) || Math.max(...['shared', 'electron', 'hub'].map((d) => newestSourceMs(join(ROOT, d)))) > statSync(CLI_MAIN).mtimeMs;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds dist/ when it is missing or older than the sources (`npm test` always builds
 * first; this is for running a test folder alone). Test files run in parallel workers,
 * so a lock directory keeps two of them from running tsc over the same files at once.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(tmpdir(), `jinka-build-lock-${Buffer.from(ROOT).toString('hex').slice(-32)}`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) break; // a lock left by a killed run: build anyway
      sleep(200);
      if (!isStale()) return;
    }
  }
  try {
    if (!isStale()) return;
    try {
      execSync('npm run build --silent', { cwd: ROOT, stdio: 'pipe' });
    } catch (error) {
      // tsc emits despite type errors elsewhere (test/bench is built too); only a missing entry is fatal.
      if (!existsSync(CLI_MAIN)) throw error;
    }
  } finally {
    try {
      rmdirSync(lock);
    } catch {
      // already gone
    }
  }
}
