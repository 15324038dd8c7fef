import { resolve } from 'node:path';
import { defaultDataDir } from '../core/data-dir.js';
import { Terminal } from '../core/terminal.js';
import type { CliContext } from './cli-context.js';

/** Opens the terminal of `--data-dir`, or of the normal data folder. */
export function openTerminal(ctx: CliContext, dataDir: string | undefined): Terminal {
  return Terminal.open(resolve(dataDir ?? defaultDataDir(ctx.env)));
}

/** Runs `fn` with an open terminal and closes it whatever happens. */
export function withTerminal<T>(ctx: CliContext, dataDir: string | undefined, fn: (terminal: Terminal) => T): T {
  const terminal = openTerminal(ctx, dataDir);
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
