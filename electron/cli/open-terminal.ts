import { resolve } from 'node:path';
import { defaultDataDir } from '../core/data-dir.js';
import { DataFolderError, looseFolderWarning } from '../../node/sqlite/data-folder.js';
import { SchemaTooNewError } from '../core/store/database.js';
import type { DamagedKeyRow } from '../core/store/trust-store.js';
import { Terminal } from '../core/terminal.js';
import { damagedTrustedKeys } from '../core/terminal-reports.js';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';

/** How a command opens its terminal: `read` writes nothing (a write-protected backup opens); only `create` (init, first provisioning) makes one. */
export type TerminalAccess = 'read' | 'write' | 'create';

/** The data folder of `--data-dir`, else the normal one; an empty `--data-dir ""` is refused rather than taken as the current folder. */
export function dataDirOf(ctx: CliContext, dataDir: string | undefined): string {
  if (dataDir !== undefined && dataDir.trim() === '') throw new CliError({ code: 'DATA_DIR_EMPTY' });
  return resolve(dataDir ?? defaultDataDir(ctx.env));
}

/** A failure to open the data folder as one line that says what to do; anything else unchanged. */
function openFailure(error: unknown): unknown {
  if (error instanceof DataFolderError) return new CliError({ code: 'DATA_FOLDER', detail: error.message });
  if (error instanceof SchemaTooNewError) {
    return new CliError({ code: 'SCHEMA_TOO_NEW', detail: error.message });
  }
  return error;
}

/** One line naming the damaged issuer_keys rows (at most three) and what follows from them. */
function damagedKeysWarning(rows: readonly DamagedKeyRow[]): string {
  const named = rows.slice(0, 3).map((r) => `${r.iss} ${JSON.stringify(r.kid.slice(0, 64))} (${r.problem})`).join(', ');
  const more = rows.length > 3 ? ` and ${rows.length - 3} more` : '';
  return `the trusted key row${rows.length > 1 ? 's' : ''} ${named}${more} in issuer_keys ${rows.length > 1 ? 'are' : 'is'} damaged and not used (cards it signed answer UNKNOWN_KEY): restore the data folder from a backup, or import the bureau's next trust version`;
}

/** Opens the terminal of `--data-dir`, or of the normal data folder; warns on stderr when other users may read the folder. */
export function openTerminal(ctx: CliContext, dataDir: string | undefined, access: TerminalAccess = 'write'): Terminal {
  const dir = dataDirOf(ctx, dataDir);
  let terminal: Terminal;
  try {
    terminal = access === 'create' ? Terminal.create(dir, ctx.now ?? Date.now) : Terminal.open(dir, ctx.now ?? Date.now, { readOnly: access === 'read' });
  } catch (error) {
    throw openFailure(error);
  }
  const warning = looseFolderWarning(dir);
  if (warning !== undefined) ctx.err(`jinka: warning: ${warning}`);
  const damaged = damagedTrustedKeys(terminal);
  if (damaged.length > 0) ctx.err(`jinka: warning: ${damagedKeysWarning(damaged)}`);
  return terminal;
}

/** Runs `fn` with an open terminal and closes it whatever happens. */
export function withTerminal<T>(ctx: CliContext, dataDir: string | undefined, fn: (terminal: Terminal) => T, access: TerminalAccess = 'write'): T {
  const terminal = openTerminal(ctx, dataDir, access);
  try {
    return fn(terminal);
  } finally {
    terminal.close();
  }
}

/** Like withTerminal, for commands that wait on the network: the terminal closes after `fn` settles. */
export async function withTerminalAsync<T>(ctx: CliContext, dataDir: string | undefined, fn: (terminal: Terminal) => Promise<T>): Promise<T> {
  const terminal = openTerminal(ctx, dataDir);
  try {
    return await fn(terminal);
  } finally {
    terminal.close();
  }
}
