import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { Db } from './database.js';

/**
 * The upload queue: the audit log past the hub's acknowledged cursor, read in seq order.
 * It is the log itself, not a copy, so a use recorded offline survives restarts and
 * crashes exactly as the use does.
 */
export class AuditQueue {
  private readonly pageStmt;
  private readonly headStmt;
  private readonly pendingUsesStmt;

  constructor(db: Db) {
    this.pageStmt = db.prepare<[number, number], AuditEntry>(
      'SELECT seq, at_ms, kind, body, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.headStmt = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM audit_log');
    this.pendingUsesStmt = db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE seq > ? AND kind = 'use'");
  }

  /** The newest audit seq (0 for an empty log). */
  headSeq(): number {
    return this.headStmt.get()?.seq ?? 0;
  }

  /** Up to `limit` entries after `cursor`, oldest first. */
  after(cursor: number, limit: number): AuditEntry[] {
    return this.pageStmt.all(cursor, limit);
  }

  /** Entries after `cursor`, and how many of them are uses. */
  pending(cursor: number): { entries: number; uses: number } {
    return { entries: Math.max(0, this.headSeq() - cursor), uses: this.pendingUsesStmt.get(cursor)?.n ?? 0 };
  }
}
