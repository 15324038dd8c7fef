import type { UseQuery } from '../../../shared/decision/evaluation-ports.js';
import type { RemoteUse } from '../../../shared/sync/sync-protocol.js';
import type { Db } from './database.js';

/**
 * Uses recorded at other terminals, as the hub published them, so that a quota spans
 * venues (Art. 21: two cinemas together give a card 12 films a card-year, not 24).
 * A use this terminal recorded itself is never counted twice: rows whose id is also in
 * the local `usage` table are left out of every count.
 */
export class RemoteUseStore {
  private readonly countAny;
  private readonly countOne;
  private readonly insertStmt;
  private readonly deleteStmt;

  constructor(private readonly db: Db) {
    const notLocal = 'AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.id = r.id)';
    this.countAny = db.prepare<[string, string, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM remote_uses r WHERE iss = ? AND sub = ? AND service = ? AND at_ms >= ? AND at_ms < ? ${notLocal}`,
    );
    this.countOne = db.prepare<[string, string, string, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM remote_uses r WHERE iss = ? AND sub = ? AND service = ? AND beneficiary = ? AND at_ms >= ? AND at_ms < ? ${notLocal}`,
    );
    this.insertStmt = db.prepare<[string, string, string, string, string, number, number]>(
      `INSERT INTO remote_uses(id, iss, sub, service, beneficiary, at_ms, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO NOTHING`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM remote_uses WHERE id = ?');
  }

  /** Remote uses matching the query (the same query the local usage count answers). */
  count(q: UseQuery): number {
    const row = q.beneficiary === undefined
      ? this.countAny.get(q.iss, q.sub, q.service, q.from, q.to)
      : this.countOne.get(q.iss, q.sub, q.service, q.beneficiary, q.from, q.to);
    return row?.n ?? 0;
  }

  /**
   * Adds uses published by the hub; a use already held is skipped. A use the hub sends as
   * `voided` (its terminal's gate never opened) is dropped, so it counts no longer. Returns how many were new.
   */
  add(uses: readonly RemoteUse[], receivedMs: number): number {
    let added = 0;
    for (const u of uses) {
      if (u.voided === true) this.deleteStmt.run(u.id);
      else added += this.insertStmt.run(u.id, u.iss, u.sub, u.service, u.beneficiary, u.at, receivedMs).changes;
    }
    return added;
  }

  total(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM remote_uses').get()?.n ?? 0;
  }
}
