import { onTestFinished } from 'vitest';
import type { Terminal } from '../../electron/core/terminal.js';
import { TerminalStores } from '../../electron/core/terminal-stores.js';
import { terminalStatus } from '../../electron/core/terminal-reports.js';

/**
 * The stores of a terminal's database on a connection of their own, for a test that checks a
 * store itself, tampers with rows or sets up what only a hub or an earlier version writes (the
 * terminal keeps its stores private). One connection per terminal and test, closed when the test ends;
 * a test that closes the terminal and edits its files reads with `readStores` instead.
 */
export function openStores(terminal: Terminal): TerminalStores {
  const held = opened.get(terminal);
  if (held !== undefined) {
    // The trust store keeps the keys it read; the terminal may have imported others since.
    held.trust.reload();
    return held;
  }
  const stores = TerminalStores.open(terminal.dataDir());
  opened.set(terminal, stores);
  onTestFinished(() => {
    opened.delete(terminal);
    stores.close();
  });
  return stores;
}

const opened = new WeakMap<Terminal, TerminalStores>();

/** Runs `read` on the terminal's stores opened read-only on a connection of their own, closed after (usable in hooks and fixtures). */
export function readStores<T>(terminal: Terminal, read: (stores: TerminalStores) => T): T {
  const stores = TerminalStores.open(terminal.dataDir(), { readOnly: true });
  try {
    return read(stores);
  } finally {
    stores.close();
  }
}

/** The bodies of the terminal's audit entries of one kind, oldest first. */
export function auditBodies(terminal: Terminal, kind: string): Record<string, unknown>[] {
  return readStores(terminal, ({ db }) =>
    db
      .prepare<[string], { body: string }>('SELECT body FROM audit_log WHERE kind = ? ORDER BY seq')
      .all(kind)
      .map((r) => JSON.parse(r.body) as Record<string, unknown>),
  );
}

/** The sequence number of the revocation list held for `iss` (0: none), as `jinka status` reports it. */
export function listSeq(terminal: Terminal, iss: string): number {
  return terminalStatus(terminal).revocationLists.find((l) => l.iss === iss)?.seq ?? 0;
}
