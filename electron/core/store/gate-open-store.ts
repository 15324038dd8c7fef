import type { Db } from './database.js';

/** Where a use stands with the gate: never asked, asked (pulse under way or unknown after a crash), opened, failed. */
export type GateOpenState = 'opening' | 'opened' | 'failed';

/** One home for "the gate opens at most once per use" and "a voided use counts in no quota". */
export class GateOpenStore {
  private readonly useExists;
  private readonly stateOf;
  private readonly insertClaim;
  private readonly finishStmt;
  private readonly insertVoid;
  private readonly voidOf;

  constructor(db: Db) {
    this.useExists = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM usage WHERE id = ?');
    this.stateOf = db.prepare<[string], { state: GateOpenState }>('SELECT state FROM gate_opens WHERE use_id = ?');
    this.insertClaim = db.prepare<[string, number]>("INSERT INTO gate_opens(use_id, state, requested_ms) VALUES (?, 'opening', ?)");
    this.finishStmt = db.prepare<[GateOpenState, number, string | null, string]>(
      "UPDATE gate_opens SET state = ?, finished_ms = ?, detail = ? WHERE use_id = ? AND state = 'opening'",
    );
    this.insertVoid = db.prepare<[string, number, number, string]>('INSERT INTO voided_uses(use_id, audit_seq, at_ms, reason) VALUES (?, ?, ?, ?)');
    this.voidOf = db.prepare<[string], { audit_seq: number }>('SELECT audit_seq FROM voided_uses WHERE use_id = ?');
  }

  /** Whether a use with this id was recorded here. */
  hasUse(useId: string): boolean {
    return (this.useExists.get(useId)?.n ?? 0) > 0;
  }

  /** The gate's state for a use; undefined when it was never asked to open for it. */
  state(useId: string): GateOpenState | undefined {
    return this.stateOf.get(useId)?.state;
  }

  /** Marks the use as asked for, before any byte goes to the gate; call inside a write transaction. */
  claim(useId: string, nowMs: number): void {
    this.insertClaim.run(useId, nowMs);
  }

  /** Keeps what the gate did; only a claim still 'opening' changes. */
  finish(useId: string, state: 'opened' | 'failed', nowMs: number, detail: string | null): void {
    this.finishStmt.run(state, nowMs, detail, useId);
  }

  /** The audit seq of the use's `void` entry, undefined when the use counts. */
  voidedAt(useId: string): number | undefined {
    return this.voidOf.get(useId)?.audit_seq;
  }

  /** Keeps the void beside its audit entry; call inside the transaction that appended it. */
  markVoided(useId: string, auditSeq: number, atMs: number, reason: string): void {
    this.insertVoid.run(useId, auditSeq, atMs, reason);
  }
}
