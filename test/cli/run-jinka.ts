import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { localeFromEnv, type CliContext } from '../../electron/cli/cli-context.js';
import { CliError } from '../../electron/cli/cli-error.js';
import { MAX_STDIN_BYTES } from '../../electron/cli/read-bounded.js';
import { runCli } from '../../electron/cli/main.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import { ROOT } from '../support/built-dist.js';
import { at, makeAuthority, provisionedTerminal, type TestAuthority } from '../support/fixtures.js';

/** What one `jinka` run printed and returned. */
export interface JinkaRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How a test runs the command. */
export interface JinkaOptions {
  /** Standard input. */
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** The clock the command opens its terminal with (in-process only; the real clock otherwise). */
  now?: () => number;
  /** A real `node bin/jinka.js` process: for a working folder, another user, signals, umask or a device on stdin. */
  process?: boolean;
  cwd?: string;
  uid?: number;
  gid?: number;
}

/** The environment a run sees: English, no debug output, no default data folder of the machine's. */
function runEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, JINKA_LANG: 'en', ...extra };
  delete env.JINKA_DEBUG;
  delete env.JINKA_DATA_DIR;
  return env;
}

/** The operator never sees a stack trace: every run is checked for one. */
function checked(run: JinkaRun): JinkaRun {
  expect(run.stderr, 'stack trace on stderr').not.toMatch(/^\s+at\s/m);
  return run;
}

/**
 * The real command, `node bin/jinka.js …`, from the repository root (dist/ is compiled by the
 * integration project's global setup). For what only a process shows: exit on a signal, a
 * working folder, umask, another user (a test as root runs the command as nobody), stdin from a device.
 */
export function jinkaProcess(args: string[], options: Omit<JinkaOptions, 'process' | 'now'> = {}): JinkaRun {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/jinka.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
    input: options.input ?? '',
    encoding: 'utf8',
    env: runEnv(options.env),
    timeout: 60_000,
  });
  expect(run.error).toBeUndefined();
  return checked({ code: run.status, stdout: run.stdout, stderr: run.stderr });
}

/**
 * Runs `jinka ARGS` in this process through `runCli`, the function bin/jinka.js calls, with
 * captured output, `input` as standard input (bounded as the process bounds it) and an optional
 * clock. A working folder, another user or `process: true` runs the real command instead.
 */
export async function jinka(args: string[], options: JinkaOptions = {}): Promise<JinkaRun> {
  if (options.process === true || options.cwd !== undefined || options.uid !== undefined) return jinkaProcess(args, options);
  const env = runEnv(options.env);
  let stdout = '';
  let stderr = '';
  const input = options.input ?? '';
  const ctx: CliContext = {
    locale: localeFromEnv(env),
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
    write: (text) => {
      stdout += text;
    },
    readStdin: (maxBytes = MAX_STDIN_BYTES, why) => {
      if (Buffer.byteLength(input) > maxBytes) throw new CliError({ code: 'STDIN_TOO_LARGE', maxBytes, why: why ?? null });
      return input;
    },
    env,
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  const code = await runCli(args, ctx);
  return checked({ code, stdout, stderr });
}

/** The one JSON object `--json` prints. */
export function jsonOf(run: JinkaRun): Record<string, unknown> {
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** A failure of the command itself (§7): exit 2 and exactly one line on stderr, nothing on stdout. */
export function expectFailed(run: JinkaRun, message?: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^jinka: /);
  if (message) expect(lines[0]).toMatch(message);
  expect(run.stdout).toBe('');
}

const SEC = 1000;
const DAY = 86_400 * SEC;

/** Whole seconds of an instant. */
export const secOf = (ms: number): number => Math.floor(ms / SEC);

/** An instant as `jinka verify --at` takes it, in Shanghai time with the offset. */
export const shanghai = (ms: number): string => formatShanghai(ms);

/**
 * Instants relative to the real clock, since CLOCK_SUSPECT and recording use it: cards valid
 * from the first of a month 3–4 months ago (so the first card-year ends on the same date next
 * year), revocation lists issued an hour ago.
 */
export function timeline(nowMs = Date.now()) {
  const back = formatShanghai(nowMs - 100 * DAY);
  const nbfIso = `${back.slice(0, 7)}-01T00:00:00+08:00`;
  const nbfMs = at(nbfIso);
  return {
    nowMs,
    nbfMs,
    nbfIso,
    firstCardYearEnd: `${Number(nbfIso.slice(0, 4)) + 1}${nbfIso.slice(4)}`,
    expMs: nowMs + 2 * 365 * DAY,
    listsIatMs: nowMs - 3600 * SEC,
    /** Two days ago on a whole minute: a safe `--at` inside validity and the first card-year. */
    atMs: Math.floor((nowMs - 2 * DAY) / 60_000) * 60_000,
  };
}

/** Writes the authority's trust file and fresh revocation lists (seq 1) into `dir`; returns their paths. */
export function writeProvisioningFiles(authority: TestAuthority, dir: string, listsIatMs: number) {
  const files = { trust: join(dir, 'trust.json'), lc: join(dir, 'revocations-lc.jwt'), sd: join(dir, 'revocations-sd.jwt') };
  writeFileSync(files.trust, `${JSON.stringify(authority.trust, null, 2)}\n`);
  for (const iss of ['lc-hrss', 'sd-hrss'] as const) {
    const bundle = authority.bundle({ iss, typ: 'jinka/revocations', seq: 1, base: 0, iat: secOf(listsIatMs), revoked: [] });
    writeFileSync(iss === 'lc-hrss' ? files.lc : files.sd, `${bundle}\n`);
  }
  return files;
}

/** A data folder provisioned in-process (trust file and both lists, issued at `listsIatMs`), closed for the command to open. */
export function provisionedDataDir(authority: TestAuthority, listsIatMs: number): { dir: string; cleanup: () => void } {
  const provisioned = provisionedTerminal(authority, { clock: () => Date.now(), listsIat: secOf(listsIatMs) });
  provisioned.terminal.close();
  return { dir: provisioned.dir, cleanup: provisioned.cleanup };
}

/** The cards the command tests scan, valid over the timeline. */
export function cliCards(authority: TestAuthority, t: ReturnType<typeof timeline>) {
  const validity = { iat: secOf(t.nbfMs), nbf: secOf(t.nbfMs), exp: secOf(t.expMs) };
  return {
    /** Gold card A, category 2: every service of Art. 6–30. */
    goldA: authority.card(validity),
    /** Gold card C, category 4: Art. 16–20 only. */
    goldC: authority.card({ ...validity, sub: 'LC-C-000042', tier: 'C', cat: 4, name: '王*芳', idt: '901X' }),
    /** Signed by a forger who uses the bureau's key id. */
    forged: makeAuthority().card(validity),
  };
}

/**
 * Registers the hooks of a describe block whose tests run the command on one data folder: an
 * authority and its cards over a fresh timeline, the folder provisioned with lists issued an
 * hour ago (beforeAll) and removed (afterAll). `run` adds
 * `--data-dir`; `dataDir()` is the folder, once provisioned.
 */
export function useProvisionedCli() {
  const t = timeline();
  const authority = makeAuthority();
  const cards = cliCards(authority, t);
  let data: { dir: string; cleanup: () => void } | undefined;
  const dataDir = (): string => {
    if (data === undefined) throw new Error('the data folder is not provisioned yet (see the beforeAll error)');
    return data.dir;
  };

  beforeAll(() => {
    data = provisionedDataDir(authority, t.listsIatMs);
  });
  afterAll(() => data?.cleanup());

  return { t, authority, cards, dataDir, run: (...args: string[]): Promise<JinkaRun> => jinka([...args, '--data-dir', dataDir()]) };
}
