import type { Decision } from '../../../shared/decision/decision-types.js';
import type { Companions } from '../../../shared/relations.js';
import type { Db } from './database.js';

/** A decision as kept for recording and history. */
export interface StoredDecision {
  id: string;
  atMs: number;
  realMs: number;
  decision: Decision;
  /** Set when the card's claims were valid: what recording the use needs. */
  card: { iss: string; sub: string; tier: string; nbfMs: number } | null;
  beneficiary: string | null;
  companions: Companions;
}

interface DecisionRow {
  id: string;
  at_ms: number;
  real_ms: number;
  iss: string | null;
  sub: string | null;
  nbf_ms: number | null;
  beneficiary: string | null;
  companions: string;
  body: string;
}

const fromRow = (r: DecisionRow): StoredDecision => {
  const decision = JSON.parse(r.body) as Decision;
  const tier = decision.card?.tier;
  return {
    id: r.id,
    atMs: r.at_ms,
    realMs: r.real_ms,
    decision,
    card: r.iss !== null && r.sub !== null && r.nbf_ms !== null && typeof tier === 'string' ? { iss: r.iss, sub: r.sub, tier, nbfMs: r.nbf_ms } : null,
    beneficiary: r.beneficiary,
    companions: JSON.parse(r.companions) as Companions,
  };
};

/** Narrows a day's decisions (history filters). */
export interface DayFilter {
  decision?: 'accept' | 'reject' | undefined;
  service?: string | undefined;
  limit?: number | undefined;
}

/** A decision with the use recorded for it, if any. */
export interface DecisionWithUse {
  decision: StoredDecision;
  use: { id: string; companions: Companions; ticket: string | null } | null;
}

interface DayQuery {
  from: number;
  to: number;
  decision: string | null;
  service: string | null;
  limit: number;
}

/** Decisions made at this terminal (history; the first step of a two-step use). */
export class DecisionStore {
  private readonly insertStmt;
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO decisions(id, at_ms, real_ms, service, decision, reason, iss, sub, nbf_ms, beneficiary, companions, body)
       VALUES (@id, @atMs, @realMs, @service, @decision, @reason, @iss, @sub, @nbfMs, @beneficiary, @companions, @body)`,
    );
    this.getStmt = db.prepare<[string], DecisionRow>('SELECT * FROM decisions WHERE id = ?');
  }

  insert(d: StoredDecision): void {
    this.insertStmt.run({
      id: d.id,
      atMs: d.atMs,
      realMs: d.realMs,
      service: d.decision.service,
      decision: d.decision.decision,
      reason: d.decision.reasons[0] ?? null,
      iss: d.card?.iss ?? null,
      sub: d.card?.sub ?? null,
      nbfMs: d.card?.nbfMs ?? null,
      beneficiary: d.beneficiary,
      companions: JSON.stringify(d.companions),
      body: JSON.stringify(d.decision),
    });
  }

  get(id: string): StoredDecision | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /**
   * Decisions evaluated in [fromMs, toMs), newest first, each with the use recorded for it
   * (if any); optionally only one outcome or one service. A negative limit means all.
   */
  between(fromMs: number, toMs: number, filter: DayFilter = {}): DecisionWithUse[] {
    return this.db
      .prepare<DayQuery, DecisionRow & { use_id: string | null; use_companions: string | null; use_ticket: string | null }>(
        `SELECT d.*, u.id AS use_id, u.companions AS use_companions, u.ticket AS use_ticket
         FROM decisions d LEFT JOIN usage u ON u.decision_id = d.id
         WHERE d.at_ms >= @from AND d.at_ms < @to
           AND (@decision IS NULL OR d.decision = @decision) AND (@service IS NULL OR d.service = @service)
         ORDER BY d.at_ms DESC, d.rowid DESC LIMIT @limit`,
      )
      .all({ from: fromMs, to: toMs, decision: filter.decision ?? null, service: filter.service ?? null, limit: filter.limit ?? -1 })
      .map((r) => ({
        decision: fromRow(r),
        use: r.use_id === null ? null : { id: r.use_id, companions: JSON.parse(r.use_companions ?? '{}') as Companions, ticket: r.use_ticket },
      }));
  }

  /** The newest decisions first. */
  recent(limit: number): StoredDecision[] {
    return this.db.prepare<[number], DecisionRow>('SELECT * FROM decisions ORDER BY real_ms DESC, rowid DESC LIMIT ?').all(limit).map(fromRow);
  }
}
