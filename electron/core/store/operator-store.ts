import type { Role } from '../../../shared/api/api-types.js';
import type { Db } from './database.js';

/** An operator as stored: the PIN only as its hash, with the failure count and lockout. */
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

/** Operators who may sign in at this terminal. */
export class OperatorStore {
  private readonly getStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?');
  }

  get(id: string): StoredOperator | undefined {
    const row = this.getStmt.get(id);
    return row && fromRow(row);
  }

  /** Every operator, by id. */
  list(): StoredOperator[] {
    return this.db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY id').all().map(fromRow);
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
    const info = this.db
      .prepare<[string, string]>('UPDATE operators SET pin_hash = ?, failed_attempts = 0, locked_until_ms = 0 WHERE id = ?')
      .run(pinHash, id);
    return info.changes === 1;
  }

  /**
   * Counts one failed PIN in a single statement (concurrent tries cannot lose a count).
   * The `maxFailures`-th consecutive failure locks the operator until `lockUntilMs` and starts the count again.
   */
  noteFailure(id: string, maxFailures: number, lockUntilMs: number): StoredOperator | undefined {
    this.db
      .prepare<[number, number, number, string]>(
        `UPDATE operators SET
           locked_until_ms = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until_ms END,
           failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END
         WHERE id = ?`,
      )
      .run(maxFailures, lockUntilMs, maxFailures, id);
    return this.get(id);
  }

  /** A correct PIN: the failure count starts again. */
  clearFailures(id: string): void {
    this.db.prepare<[string]>('UPDATE operators SET failed_attempts = 0, locked_until_ms = 0 WHERE id = ?').run(id);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM operators').get()?.n ?? 0;
  }
}
