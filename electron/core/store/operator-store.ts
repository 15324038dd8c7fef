import type { Role } from '../../../shared/api/api-types.js';
import type { Db } from './database.js';

/** An operator as stored: the PIN only as its hash, with the failure count and lockout (from sign_in_attempts). */
export interface StoredOperator {
  id: string;
  name: string;
  role: Role;
  pinHash: string;
  failedAttempts: number;
  lockedUntilMs: number;
  createdMs: number;
}

interface OperatorRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  failed_attempts: number;
  locked_until_ms: number;
  created_ms: number;
}

const fromRow = (r: OperatorRow): StoredOperator => ({
  id: r.id,
  name: r.name,
  role: r.role,
  pinHash: r.pin_hash,
  failedAttempts: r.failed_attempts,
  lockedUntilMs: r.locked_until_ms,
  createdMs: r.created_ms,
});

/** Where one sign-in attempt stands once counted: still open, or locked out until `lockedUntilMs`. */
export type AttemptState = { locked: false; failedAttempts: number } | { locked: true; lockedUntilMs: number };

/** How attempts are counted: after `maxFailures` counted tries the id is locked until `lockUntilMs`. */
export interface AttemptLimits {
  nowMs: number;
  maxFailures: number;
  lockUntilMs: number;
}

/** Attempt rows untouched this long (and not locked) are forgotten, so typed ids cannot pile up. */
const ATTEMPT_ROW_TTL_MS = 24 * 3600_000;

const SELECT_OPERATOR = `SELECT o.id, o.name, o.role, o.pin_hash, o.created_ms,
  coalesce(a.failed_attempts, 0) AS failed_attempts, coalesce(a.locked_until_ms, 0) AS locked_until_ms
  FROM operators o LEFT JOIN sign_in_attempts a ON a.operator_id = o.id`;

interface AttemptRow {
  failed_attempts: number;
  locked_until_ms: number;
}

/**
 * Operators who may sign in at this terminal, and the failed sign-in attempts per typed id
 * (`sign_in_attempts`, migration 0004): counted for unknown ids exactly as for real ones.
 */
export class OperatorStore {
  private readonly getStmt;
  private readonly attemptStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string], OperatorRow>(`${SELECT_OPERATOR} WHERE o.id = ?`);
    this.attemptStmt = db.prepare<[string], AttemptRow>('SELECT failed_attempts, locked_until_ms FROM sign_in_attempts WHERE operator_id = ?');
  }

  get(id: string): StoredOperator | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /** Every operator, by id. */
  list(): StoredOperator[] {
    return this.db.prepare<[], OperatorRow>(`${SELECT_OPERATOR} ORDER BY o.id`).all().map(fromRow);
  }

  /** Adds an operator; false when the id is taken. */
  add(op: Pick<StoredOperator, 'id' | 'name' | 'role' | 'pinHash' | 'createdMs'>): boolean {
    const info = this.db
      .prepare<[string, string, string, string, number]>(
        'INSERT INTO operators(id, name, role, pin_hash, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
      )
      .run(op.id, op.name, op.role, op.pinHash, op.createdMs);
    return info.changes === 1;
  }

  /** Replaces the PIN and lifts any lockout; false for an unknown id. */
  setPin(id: string, pinHash: string): boolean {
    const info = this.db.prepare<[string, string]>('UPDATE operators SET pin_hash = ? WHERE id = ?').run(pinHash, id);
    if (info.changes !== 1) return false;
    this.clearAttempts(id);
    return true;
  }

  /**
   * Counts one attempt for `id` before its PIN is hashed, in one write transaction (so
   * parallel attempts, even from another process, each see the ones before). A locked id
   * answers locked; an id whose `maxFailures` tries are all taken (in flight or failed) is
   * locked now, before this attempt is hashed. Also forgets attempt rows idle for a day.
   */
  reserveAttempt(id: string, limits: AttemptLimits): AttemptState {
    return this.db
      .transaction((): AttemptState => {
        this.db
          .prepare<[number, number]>('DELETE FROM sign_in_attempts WHERE updated_ms < ? AND locked_until_ms <= ?')
          .run(limits.nowMs - ATTEMPT_ROW_TTL_MS, limits.nowMs);
        const row = this.attemptStmt.get(id) ?? { failed_attempts: 0, locked_until_ms: 0 };
        if (row.locked_until_ms > limits.nowMs) return { locked: true, lockedUntilMs: row.locked_until_ms };
        if (row.failed_attempts >= limits.maxFailures) {
          this.writeAttempts(id, 0, limits.lockUntilMs, limits.nowMs);
          return { locked: true, lockedUntilMs: limits.lockUntilMs };
        }
        this.writeAttempts(id, row.failed_attempts + 1, row.locked_until_ms, limits.nowMs);
        return { locked: false, failedAttempts: row.failed_attempts + 1 };
      })
      .immediate();
  }

  /**
   * A reserved attempt's PIN was wrong (it is counted already): the `maxFailures`-th locks
   * the id until `lockUntilMs`. Answers where the id stands now.
   */
  settleFailure(id: string, limits: AttemptLimits): AttemptState {
    return this.db
      .transaction((): AttemptState => {
        const row = this.attemptStmt.get(id) ?? { failed_attempts: 0, locked_until_ms: 0 };
        if (row.locked_until_ms > limits.nowMs) return { locked: true, lockedUntilMs: row.locked_until_ms };
        if (row.failed_attempts >= limits.maxFailures) {
          this.writeAttempts(id, 0, limits.lockUntilMs, limits.nowMs);
          return { locked: true, lockedUntilMs: limits.lockUntilMs };
        }
        return { locked: false, failedAttempts: row.failed_attempts };
      })
      .immediate();
  }

  /**
   * A reserved attempt's PIN was right: unless a parallel attempt locked the id meanwhile
   * (then the lock stands and this answers it), the count starts again.
   */
  settleSuccess(id: string, nowMs: number): AttemptState {
    return this.db
      .transaction((): AttemptState => {
        const row = this.attemptStmt.get(id);
        if (row !== undefined && row.locked_until_ms > nowMs) return { locked: true, lockedUntilMs: row.locked_until_ms };
        this.clearAttempts(id);
        return { locked: false, failedAttempts: 0 };
      })
      .immediate();
  }

  private writeAttempts(id: string, failedAttempts: number, lockedUntilMs: number, nowMs: number): void {
    this.db
      .prepare<[string, number, number, number]>(
        `INSERT INTO sign_in_attempts(operator_id, failed_attempts, locked_until_ms, updated_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT(operator_id) DO UPDATE SET failed_attempts = excluded.failed_attempts,
           locked_until_ms = excluded.locked_until_ms, updated_ms = excluded.updated_ms`,
      )
      .run(id, failedAttempts, lockedUntilMs, nowMs);
  }

  private clearAttempts(id: string): void {
    this.db.prepare<[string]>('DELETE FROM sign_in_attempts WHERE operator_id = ?').run(id);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM operators').get()?.n ?? 0;
  }
}
