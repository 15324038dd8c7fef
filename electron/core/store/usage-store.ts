import type { UseQuery } from '../../../shared/decision/evaluation-ports.js';
import type { Companions } from '../../../shared/relations.js';
import type { UseEntryBody } from '../../../shared/sync/use-entry-body.js';
import type { Db } from './database.js';

/** One recorded use of a service by a card, as this terminal stores it. */
export interface UsageRecord extends UseEntryBody {
  seq: number;
  auditSeq: number;
}

/** A row of the usage table, its columns as stored (the integrity check reads them too). */
export interface UsageRow {
  seq: number;
  id: string;
  decision_id: string;
  iss: string;
  sub: string;
  tier: string;
  service: string;
  beneficiary: string;
  at_ms: number;
  real_ms: number;
  companions: string;
  ticket: string | null;
  audit_seq: number;
}

const fromRow = (r: UsageRow): UsageRecord => ({
  seq: r.seq,
  id: r.id,
  decisionId: r.decision_id,
  iss: r.iss,
  sub: r.sub,
  tier: r.tier,
  service: r.service,
  beneficiary: r.beneficiary,
  atMs: r.at_ms,
  realMs: r.real_ms,
  companions: JSON.parse(r.companions) as Companions,
  ticket: r.ticket,
  auditSeq: r.audit_seq,
});

/** Recorded uses: quota counting per card (iss + sub), never per token string. */
export class UsageStore {
  private readonly countAny;
  private readonly countOne;
  private readonly byDecision;
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    // A use voided because the gate never opened (its `void` audit entry) counts in no quota.
    const counts = 'NOT EXISTS (SELECT 1 FROM voided_uses v WHERE v.use_id = usage.id)';
    this.countAny = db.prepare<[string, string, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM usage WHERE iss = ? AND sub = ? AND service = ? AND at_ms >= ? AND at_ms < ? AND ${counts}`,
    );
    this.countOne = db.prepare<[string, string, string, string, number, number], { n: number }>(
      `SELECT count(*) AS n FROM usage WHERE iss = ? AND sub = ? AND service = ? AND beneficiary = ? AND at_ms >= ? AND at_ms < ? AND ${counts}`,
    );
    this.byDecision = db.prepare<[string], UsageRow>('SELECT * FROM usage WHERE decision_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO usage(id, decision_id, iss, sub, tier, service, beneficiary, at_ms, real_ms, companions, ticket, audit_seq)
       VALUES (@id, @decisionId, @iss, @sub, @tier, @service, @beneficiary, @atMs, @realMs, @companions, @ticket, @auditSeq)`,
    );
  }

  count(q: UseQuery): number {
    const row = q.beneficiary === undefined
      ? this.countAny.get(q.iss, q.sub, q.service, q.from, q.to)
      : this.countOne.get(q.iss, q.sub, q.service, q.beneficiary, q.from, q.to);
    return row?.n ?? 0;
  }

  forDecision(decisionId: string): UsageRecord | undefined {
    const row = this.byDecision.get(decisionId);
    return row && fromRow(row);
  }

  insert(use: Omit<UsageRecord, 'seq'>): number {
    return Number(this.insertStmt.run({ ...use, companions: JSON.stringify(use.companions) }).lastInsertRowid);
  }

  /** Uses in record order, from `afterSeq` on. */
  *iterate(afterSeq = 0): Generator<UsageRecord> {
    for (const row of this.db.prepare<[number], UsageRow>('SELECT * FROM usage WHERE seq > ? ORDER BY seq').iterate(afterSeq)) {
      yield fromRow(row);
    }
  }

  total(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM usage').get()?.n ?? 0;
  }
}
