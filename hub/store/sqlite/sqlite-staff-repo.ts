import type { AttemptLimits, AttemptState, StaffRepo } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { staffFromRow, type StaffRow } from '../store-rows.js';

interface AttemptRow {
  failed: number;
  locked_until_ms: number;
}

/** Attempt rows idle this long are forgotten (an unknown id typed once does not stay for ever). */
const ATTEMPT_ROW_TTL_MS = 86_400_000;

/** Staff accounts and sign-in attempts on SQLite; each attempt step is one write transaction. */
export function sqliteStaffRepo(db: HubDb): StaffRepo {
  const getStmt = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const attemptStmt = db.prepare<[string], AttemptRow>('SELECT failed, locked_until_ms FROM staff_attempts WHERE staff_id = ?');
  const writeAttempt = db.prepare<[string, number, number, number]>(
    'INSERT INTO staff_attempts(staff_id, failed, locked_until_ms, updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT(staff_id) DO UPDATE SET failed = excluded.failed, locked_until_ms = excluded.locked_until_ms, updated_ms = excluded.updated_ms',
  );
  const clearAttempt = db.prepare<[string]>('DELETE FROM staff_attempts WHERE staff_id = ?');
  const changed = (sql: string, ...args: (string | number | null)[]): Promise<boolean> => settle(() => db.prepare(sql).run(...args).changes === 1);

  /** The row's lock end, or 0 once it has passed (the count starts again after a lockout). */
  const current = (id: string, nowMs: number): { row: AttemptRow; lockedUntilMs: number } => {
    const row = attemptStmt.get(id) ?? { failed: 0, locked_until_ms: 0 };
    if (row.locked_until_ms > nowMs) return { row, lockedUntilMs: row.locked_until_ms };
    if (row.locked_until_ms !== 0) return { row: { failed: 0, locked_until_ms: 0 }, lockedUntilMs: 0 };
    return { row, lockedUntilMs: 0 };
  };
  const lock = (id: string, limits: AttemptLimits): AttemptState => {
    const until = limits.nowMs + limits.lockMs;
    writeAttempt.run(id, limits.maxFailures, until, limits.nowMs);
    return { locked: true, lockedUntilMs: until };
  };

  const reserveTx = db.transaction((id: string, limits: AttemptLimits): AttemptState => {
    db.prepare<[number, number, string]>('DELETE FROM staff_attempts WHERE updated_ms < ? AND locked_until_ms <= ? AND staff_id <> ?').run(
      limits.nowMs - ATTEMPT_ROW_TTL_MS,
      limits.nowMs,
      id,
    );
    const { row, lockedUntilMs } = current(id, limits.nowMs);
    if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
    if (row.failed >= limits.maxFailures) return lock(id, limits);
    writeAttempt.run(id, row.failed + 1, 0, limits.nowMs);
    return { locked: false, failedAttempts: row.failed + 1 };
  });
  const failureTx = db.transaction((id: string, limits: AttemptLimits): AttemptState => {
    const { row, lockedUntilMs } = current(id, limits.nowMs);
    if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
    if (row.failed >= limits.maxFailures) return lock(id, limits);
    return { locked: false, failedAttempts: row.failed };
  });
  const successTx = db.transaction((id: string, limits: AttemptLimits): AttemptState => {
    const { lockedUntilMs } = current(id, limits.nowMs);
    if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
    clearAttempt.run(id);
    return { locked: false, failedAttempts: 0 };
  });
  const setPasswordTx = db.transaction((id: string, hash: string): boolean => {
    if (db.prepare<[string, string]>('UPDATE staff SET password_hash = ? WHERE id = ?').run(hash, id).changes !== 1) return false;
    clearAttempt.run(id);
    return true;
  });

  return {
    add: (s) =>
      settle(
        () =>
          db
            .prepare<[string, string, string, string, number]>('INSERT INTO staff(id, name, role, password_hash, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING')
            .run(s.id, s.name, s.role, s.passwordHash, s.createdMs).changes === 1,
      ),
    get: (id) =>
      settle(() => {
        const row = getStmt.get(id);
        return row && staffFromRow(row);
      }),
    list: () => settle(() => db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY id').all().map(staffFromRow)),
    activeAdmins: () => settle(() => db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled_ms IS NULL").get()?.n ?? 0),
    setPassword: (id, hash) => settle(() => setPasswordTx.immediate(id, hash)),
    unlock: (id) => settle(() => clearAttempt.run(id).changes > 0),
    setRole: (id, role) => changed('UPDATE staff SET role = ? WHERE id = ?', role, id),
    setDisabled: (id, disabledMs) => changed('UPDATE staff SET disabled_ms = ? WHERE id = ?', disabledMs, id),
    setTotpPending: (id, sealed) => changed('UPDATE staff SET totp_pending_sealed = ? WHERE id = ?', sealed, id),
    confirmTotp: (id, step) =>
      changed(
        'UPDATE staff SET totp_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = MAX(totp_last_step, ?) WHERE id = ? AND totp_pending_sealed IS NOT NULL',
        step,
        id,
      ),
    clearTotp: (id) => changed('UPDATE staff SET totp_sealed = NULL, totp_pending_sealed = NULL WHERE id = ?', id),
    useTotpStep: (id, step) => changed('UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?', step, id, step),
    reserveAttempt: (id, limits) => settle(() => reserveTx.immediate(id, limits)),
    settleFailure: (id, limits) => settle(() => failureTx.immediate(id, limits)),
    settleSuccess: (id, limits) => settle(() => successTx.immediate(id, limits)),
    lockedUntil: (id, nowMs) =>
      settle(() => {
        const until = attemptStmt.get(id)?.locked_until_ms ?? 0;
        return until > nowMs ? until : 0;
      }),
  };
}
