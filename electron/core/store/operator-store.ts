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

/**
 * How attempts are counted: after `maxFailures` counted tries the id is locked for `lockMs`.
 * `nowMs` is the wall clock (stored, shown as retryAt); `monoMs` a monotonic clock that times
 * the locks this process set, so a wall clock changed by hand neither lifts nor stretches them.
 */
export interface AttemptLimits {
  nowMs: number;
  monoMs: number;
  maxFailures: number;
  lockMs: number;
}

/** Attempt rows untouched this long (and not locked) are forgotten, so typed ids cannot pile up. */
const ATTEMPT_ROW_TTL_MS = 24 * 3600_000;
/** How far the wall and monotonic clocks may disagree about a lock's end before the wall clock counts as changed. */
const CLOCK_DRIFT_MS = 2_000;

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
  /** Locks seen by this process: id → when the lock ends on the monotonic clock. */
  private readonly monoLocks = new Map<string, number>();

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
    this.monoLocks.delete(id);
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
          .prepare<[number, number, string]>('DELETE FROM sign_in_attempts WHERE updated_ms < ? AND locked_until_ms <= ? AND operator_id <> ?')
          .run(limits.nowMs - ATTEMPT_ROW_TTL_MS, limits.nowMs, id);
        for (const [other, until] of this.monoLocks) if (until <= limits.monoMs && other !== id) this.monoLocks.delete(other);
        const row = this.attemptStmt.get(id) ?? { failed_attempts: 0, locked_until_ms: 0 };
        const lockedUntilMs = this.lockedUntil(id, row, limits);
        if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
        if (row.failed_attempts >= limits.maxFailures) return { locked: true, lockedUntilMs: this.lock(id, limits) };
        this.writeAttempts(id, row.failed_attempts + 1, 0, limits.nowMs);
        return { locked: false, failedAttempts: row.failed_attempts + 1 };
      })
      .immediate();
  }

  /**
   * A reserved attempt's PIN was wrong (it is counted already): the `maxFailures`-th locks
   * the id for `lockMs`. Answers where the id stands now.
   */
  settleFailure(id: string, limits: AttemptLimits): AttemptState {
    return this.db
      .transaction((): AttemptState => {
        const row = this.attemptStmt.get(id) ?? { failed_attempts: 0, locked_until_ms: 0 };
        const lockedUntilMs = this.lockedUntil(id, row, limits);
        if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
        if (row.failed_attempts >= limits.maxFailures) return { locked: true, lockedUntilMs: this.lock(id, limits) };
        return { locked: false, failedAttempts: row.failed_attempts };
      })
      .immediate();
  }

  /**
   * A reserved attempt's PIN was right: unless a parallel attempt locked the id meanwhile
   * (then the lock stands and this answers it), the count starts again.
   */
  settleSuccess(id: string, limits: AttemptLimits): AttemptState {
    return this.db
      .transaction((): AttemptState => {
        const row = this.attemptStmt.get(id) ?? { failed_attempts: 0, locked_until_ms: 0 };
        const lockedUntilMs = this.lockedUntil(id, row, limits);
        if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
        this.clearAttempts(id);
        return { locked: false, failedAttempts: 0 };
      })
      .immediate();
  }

  /**
   * When `id`'s lock ends on the wall clock, or 0 when it is open. A lock this process has seen
   * runs its real length on the monotonic clock (a forward jump does not lift it, a clock set
   * back does not stretch it), and the stored time follows; a stored lock further ahead than a
   * lockout lasts was set before the clock went back, so it restarts from now. A row cleared
   * meanwhile (a new PIN set, perhaps by `jinka operator pin` in another process) lifts it.
   */
  private lockedUntil(id: string, row: AttemptRow, limits: AttemptLimits): number {
    const monoUntil = this.monoLocks.get(id);
    if (row.locked_until_ms === 0) {
      this.monoLocks.delete(id);
      return 0;
    }
    if (monoUntil !== undefined) {
      if (monoUntil <= limits.monoMs) {
        this.monoLocks.delete(id);
        this.writeAttempts(id, row.failed_attempts, 0, limits.nowMs);
        return 0;
      }
      // Both clocks agree unless the wall clock was changed: then the stored time follows the real one.
      const until = Math.ceil(limits.nowMs + (monoUntil - limits.monoMs));
      if (Math.abs(until - row.locked_until_ms) <= CLOCK_DRIFT_MS) return row.locked_until_ms;
      this.writeAttempts(id, row.failed_attempts, until, limits.nowMs);
      return until;
    }
    if (row.locked_until_ms > limits.nowMs + limits.lockMs) return this.lock(id, limits);
    if (row.locked_until_ms <= limits.nowMs) return 0;
    this.monoLocks.set(id, limits.monoMs + (row.locked_until_ms - limits.nowMs));
    return row.locked_until_ms;
  }

  /** Locks `id` for a lockout's length from now (both clocks); answers when it ends on the wall clock. */
  private lock(id: string, limits: AttemptLimits): number {
    const until = limits.nowMs + limits.lockMs;
    this.writeAttempts(id, 0, until, limits.nowMs);
    this.monoLocks.set(id, limits.monoMs + limits.lockMs);
    return until;
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
