import type { Db } from './database.js';

/** Settings key of the counter's own settings (the §6 policy lives apart, under `site_policy`). */
const KEY = 'terminal';

/** The counter's own settings (site name, service, modes) as stored JSON; the caller validates. */
export class CounterSettingsStore {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  /** The stored value; undefined when none or not JSON. */
  read(): unknown {
    const row = this.getStmt.get(KEY);
    if (row === undefined) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  write(value: unknown): void {
    this.setStmt.run(KEY, JSON.stringify(value));
  }
}
