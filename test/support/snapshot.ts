import type { Terminal } from '../../electron/core/terminal.js';
import { readStores } from './stores.js';

/** Every row of every table of the terminal database (as sorted JSON lines), for before/after comparisons. */
export function snapshot(terminal: Terminal): Record<string, string[]> {
  return readStores(terminal, ({ db }) => {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return Object.fromEntries(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"`).all().map((row) => JSON.stringify(row)).sort()]));
  });
}
