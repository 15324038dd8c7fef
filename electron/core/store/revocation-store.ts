import type { RevocationsPayload } from '../../../shared/bundles/bundle-schemas.js';
import type { Db } from './database.js';

/** The revocation list an issuer last published, as held here. */
export interface RevocationListInfo {
  iss: string;
  seq: number;
  iatMs: number;
  importedMs: number;
  count: number;
}

/** Revoked cards per issuer, with each list's sequence (§5). */
export class RevocationStore {
  private readonly revokedStmt;
  private readonly listStmt;

  constructor(private readonly db: Db) {
    this.revokedStmt = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM revocations WHERE iss = ? AND sub = ?');
    this.listStmt = db.prepare<[string], { seq: number; iat_ms: number; imported_ms: number }>(
      'SELECT seq, iat_ms, imported_ms FROM revocation_lists WHERE iss = ?',
    );
  }

  isRevoked(iss: string, sub: string): boolean {
    return this.revokedStmt.get(iss, sub) !== undefined;
  }

  /** Sequence and issue time of the issuer's list; undefined when none was imported. */
  list(iss: string): Omit<RevocationListInfo, 'count' | 'iss'> | undefined {
    const row = this.listStmt.get(iss);
    return row && { seq: row.seq, iatMs: row.iat_ms, importedMs: row.imported_ms };
  }

  /** Every list held, with how many cards it revokes. */
  lists(): RevocationListInfo[] {
    return this.db
      .prepare<[], { iss: string; seq: number; iat_ms: number; imported_ms: number; count: number }>(
        `SELECT l.iss, l.seq, l.iat_ms, l.imported_ms, (SELECT count(*) FROM revocations r WHERE r.iss = l.iss) AS count
         FROM revocation_lists l ORDER BY l.iss`,
      )
      .all()
      .map((r) => ({ iss: r.iss, seq: r.seq, iatMs: r.iat_ms, importedMs: r.imported_ms, count: r.count }));
  }

  /**
   * Forgets the issuer's held sequence (a reset by the bureau, §5 extension): the revoked cards
   * stay, but only a full list replaces them now. Call inside a transaction.
   */
  forgetSequence(iss: string): void {
    this.db.prepare<[string]>('UPDATE revocation_lists SET seq = 0 WHERE iss = ?').run(iss);
  }

  /** Applies a checked bundle: a full list (base 0) replaces, a delta adds. Call inside a transaction. */
  apply(bundle: RevocationsPayload, importedMs: number): void {
    if (bundle.base === 0) this.db.prepare('DELETE FROM revocations WHERE iss = ?').run(bundle.iss);
    const insert = this.db.prepare<[string, string, string | null, string | null, number]>(
      `INSERT INTO revocations(iss, sub, at, reason, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(iss, sub) DO NOTHING`,
    );
    for (const entry of bundle.revoked) {
      insert.run(bundle.iss, entry.sub, entry.at === undefined ? null : String(entry.at), entry.reason ?? null, bundle.seq);
    }
    this.db
      .prepare<[string, number, number, number]>(
        `INSERT INTO revocation_lists(iss, seq, iat_ms, imported_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT(iss) DO UPDATE SET seq = excluded.seq, iat_ms = excluded.iat_ms, imported_ms = excluded.imported_ms`,
      )
      .run(bundle.iss, bundle.seq, bundle.iat * 1000, importedMs);
  }
}
