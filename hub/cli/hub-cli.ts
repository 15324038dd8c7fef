import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { looseFolderWarning } from '../../node/sqlite/data-folder.js';
import { Hub } from '../hub.js';
import { hubCliErrorText, type HubCliProblem } from './hub-cli-text.js';

/** Where a command writes, in which language, and its environment. */
export interface HubCliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  lang: 'zh' | 'en';
  /** Resolves when the process is asked to stop (serve). */
  stopSignal: () => Promise<string>;
}

/**
 * A failure of the command itself: one line on stderr, exit 2, worded in the chosen language
 * from its code (hub-cli-text.ts). A plain text is a command's own line not yet in the table
 * (English only).
 */
export class HubCliError extends Error {
  readonly problem: HubCliProblem | null;
  constructor(problem: HubCliProblem | string) {
    super(typeof problem === 'string' ? problem : hubCliErrorText(problem, 'en'));
    this.problem = typeof problem === 'string' ? null : problem;
  }
}

/** Exit statuses. */
export const HUB_EXIT = { ok: 0, failed: 2 } as const;

/** Chooses the text for the context's language (JINKA_LANG=en for English). */
export const t = (ctx: Pick<HubCliContext, 'lang'>, zh: string, en: string): string => (ctx.lang === 'en' ? en : zh);

/** The hub's data folder: --data-dir, JINKA_HUB_DATA_DIR, else the per-user data folder; `--data-dir ""` is refused, not taken as the current folder. */
export function hubDataDir(value: string | undefined, env: NodeJS.ProcessEnv): string {
  if (value !== undefined && value.trim() === '') throw new HubCliError({ code: 'DATA_DIR_EMPTY' });
  if (value !== undefined) return resolve(value);
  if (env.JINKA_HUB_DATA_DIR) return resolve(env.JINKA_HUB_DATA_DIR);
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Jinka Hub');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jinka-hub');
}

/**
 * The hub's PostgreSQL database (README "The hub on PostgreSQL"): --database, else
 * JINKA_HUB_DATABASE; undefined (the SQLite file in the data folder) when neither is given.
 */
export function hubDatabaseUrl(value: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = value ?? env.JINKA_HUB_DATABASE;
  return url === undefined || url.trim() === '' ? undefined : url.trim();
}

/** Options every command that opens the hub takes. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  database: { type: 'string' },
  'passphrase-file': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Parses a command's arguments strictly, with the common options added. */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, positionals = 0) {
  const parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: positionals > 0, strict: true });
  if (parsed.positionals.length > positionals) throw new HubCliError({ code: 'UNEXPECTED_ARGUMENT', argument: parsed.positionals[positionals] ?? '' });
  return parsed;
}

/**
 * The hub passphrase: the first line of --passphrase-file, else JINKA_HUB_PASSPHRASE. It is
 * never taken from the command line, where other users could read it in the process list.
 */
export function readPassphrase(file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new HubCliError({ code: 'PASSPHRASE_FILE_UNREADABLE', file, cause: (e as { code?: string }).code ?? String(e) });
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new HubCliError({ code: 'PASSPHRASE_FILE_EMPTY', file });
    return line;
  }
  const fromEnv = env.JINKA_HUB_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  throw new HubCliError({ code: 'PASSPHRASE_NEEDED' });
}

/** One line on stderr when other users may read the hub's data folder (its keys are sealed, its card hashes are not). */
export function warnIfLoose(ctx: HubCliContext, dataDir: string): void {
  const warning = looseFolderWarning(dataDir);
  if (warning !== undefined) ctx.err(`jinka-hub: warning: ${warning}`);
}

/** Opens the hub named by the common options, runs `work`, and closes it. */
export async function withHub<T>(ctx: HubCliContext, values: { 'data-dir'?: string; 'passphrase-file'?: string; database?: string }, work: (hub: Hub) => Promise<T>): Promise<T> {
  const passphrase = readPassphrase(values['passphrase-file'], ctx.env);
  const dataDir = hubDataDir(values['data-dir'], ctx.env);
  const hub = await Hub.open(dataDir, passphrase, Date.now, hubDatabaseUrl(values.database, ctx.env));
  warnIfLoose(ctx, dataDir);
  try {
    return await work(hub);
  } finally {
    await hub.close();
  }
}

/** Reads a text file for a command, with a clear error. */
export function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new HubCliError({ code: 'FILE_UNREADABLE', file: path, cause: (e as { code?: string }).code ?? String(e) });
  }
}
