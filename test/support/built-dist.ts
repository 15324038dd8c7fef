import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The compiled CLI entry that bin/jinka.js loads. */
export const CLI_MAIN = join(ROOT, 'dist/electron/cli/main.js');

/** The built counter UI the browser tests serve. */
const RENDERER_INDEX = join(ROOT, 'dist/renderer/index.html');

/** The built console pages the hub serves under /console/. */
const CONSOLE_INDEX = join(ROOT, 'dist/console/index.html');

/** Newest modification time of the files under `dir` whose names end in one of `exts`. */
function newestMs(dir: string, exts: readonly string[]): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMs(path, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const olderThan = (output: string, dirs: readonly string[], exts: readonly string[]): boolean =>
  !existsSync(output) || Math.max(...dirs.filter((d) => existsSync(join(ROOT, d))).map((d) => newestMs(join(ROOT, d), exts))) > statSync(output).mtimeMs;

const distStale = (): boolean => olderThan(CLI_MAIN, ['shared', 'node', 'electron', 'hub'], ['.ts']);
const rendererStale = (): boolean => olderThan(RENDERER_INDEX, ['shared', 'renderer'], ['.ts', '.tsx', '.css', '.html']);
const consoleStale = (): boolean => olderThan(CONSOLE_INDEX, ['shared', 'console'], ['.ts', '.tsx', '.css', '.html']);

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Runs `node ARGS…` from the repository root (with `env` added); rejects with its output when it fails. */
function node(args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${args.slice(0, 2).join(' ')} failed: ${String(stdout)}${String(stderr)}`, { cause: error }));
      else done();
    });
  });
}

/**
 * Runs `build` while holding a lock directory shared by every vitest run of this checkout
 * (two runs at once must not have tsc rewrite the same files), unless `stale()` says the
 * output is already newer than its sources. A lock left by a killed run is broken after 3 min.
 */
async function buildLocked(name: string, stale: () => boolean, build: () => Promise<void>): Promise<void> {
  if (!stale()) return;
  const lock = join(tmpdir(), `jinka-${name}-lock-${Buffer.from(ROOT).toString('hex').slice(-32)}`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) break;
      await sleep(200);
    }
  }
  try {
    if (stale()) await build();
  } finally {
    try {
      rmdirSync(lock);
    } catch {
      // already gone
    }
  }
}

/** tsc → dist/ when dist/ is missing or older than the sources. */
export function buildDist(): Promise<void> {
  return buildLocked('build', distStale, async () => {
    try {
      await node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
    } catch (error) {
      // tsc emits despite a type error elsewhere (someone's half-finished edit); only a missing entry is fatal.
      if (!existsSync(CLI_MAIN)) throw error;
    }
  });
}

/**
 * Vitest sets NODE_ENV=test, and vite build inherits it: React's development build (owner
 * stacks, jsxDEV, about half again the script) would be what the browser tests run and time.
 * They run what ships instead.
 */
const SHIPPED = { NODE_ENV: 'production' };

/** vite build → dist/renderer when it is missing or older than the renderer's sources. */
export function buildRenderer(): Promise<void> {
  return buildLocked('renderer-build', rendererStale, () => node([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'], SHIPPED));
}

/** vite build → dist/console when it is missing or older than the console's sources. */
export function buildConsole(): Promise<void> {
  return buildLocked('console-build', consoleStale, () => node([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.ts', '--logLevel', 'error'], SHIPPED));
}
