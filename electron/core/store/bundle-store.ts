import type { Db } from './database.js';

/** A versioned bundle held by the terminal. */
export interface HeldBundle {
  version: number;
  iatMs: number;
  importedMs: number;
  body: string;
}

/** Versions and bodies of the `jinka/rules` and `jinka/trust` bundles in force. */
export class BundleStore {
  constructor(private readonly db: Db) {}

  get(typ: 'jinka/rules' | 'jinka/trust'): HeldBundle | undefined {
    const row = this.db
      .prepare<[string], { version: number; iat_ms: number; imported_ms: number; body: string }>(
        'SELECT version, iat_ms, imported_ms, body FROM bundles WHERE typ = ?',
      )
      .get(typ);
    return row && { version: row.version, iatMs: row.iat_ms, importedMs: row.imported_ms, body: row.body };
  }

  /** Drops the bundle held (a reset of the rules by the bureau): the built-in default holds again. */
  remove(typ: 'jinka/rules' | 'jinka/trust'): void {
    this.db.prepare<[string]>('DELETE FROM bundles WHERE typ = ?').run(typ);
  }

  put(typ: 'jinka/rules' | 'jinka/trust', bundle: HeldBundle): void {
    this.db
      .prepare<[string, number, number, number, string]>(
        `INSERT INTO bundles(typ, version, iat_ms, imported_ms, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(typ) DO UPDATE SET version = excluded.version, iat_ms = excluded.iat_ms,
           imported_ms = excluded.imported_ms, body = excluded.body`,
      )
      .run(typ, bundle.version, bundle.iatMs, bundle.importedMs, bundle.body);
  }
}
