import { GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { nextStaffLogHead, STAFF_LOG_HEAD_KEY, staffLogHash, staffLogKey, type StaffLogKeyRef, type AttemptLimits, type AttemptState, type StaffLogRepo, type StaffRepo, type StaffSessionRepo, type StoredStaffSession } from '../hub-store.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';
import { staffFromRow, staffLogFromRow, staffSessionFromRow, type StaffLogRow, type StaffRow, type StaffSessionRow } from '../store-rows.js';

interface AttemptRow {
  failed: number;
  locked_until_ms: number;
}

/** Attempt rows idle this long are forgotten (an unknown id typed once does not stay for ever). */
const ATTEMPT_ROW_TTL_MS = 86_400_000;

/**
 * Staff accounts and sign-in attempts on PostgreSQL (port of sqlite-staff-repo.ts). Each
 * attempt step runs in the caller's serializable unit and reads the id's row FOR UPDATE, so
 * parallel reservations from any process see each other; compare-and-set steps are one UPDATE.
 */
export function pgStaffRepo(sql: Sql): StaffRepo {
  const changed = async (text: string, values: unknown[]) => (await changes(sql, text, values)) === 1;
  const writeAttempt = (id: string, failed: number, until: number, nowMs: number) =>
    sql.query(
      `INSERT INTO staff_attempts(staff_id, failed, locked_until_ms, updated_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (staff_id) DO UPDATE SET failed = EXCLUDED.failed, locked_until_ms = EXCLUDED.locked_until_ms, updated_ms = EXCLUDED.updated_ms`,
      [id, failed, until, nowMs],
    );
  /** The row's lock end, or 0 once it has passed (the count starts again after a lockout). */
  const current = async (id: string, nowMs: number): Promise<{ row: AttemptRow; lockedUntilMs: number }> => {
    const row = (await first<AttemptRow>(sql, 'SELECT failed, locked_until_ms FROM staff_attempts WHERE staff_id = $1 FOR UPDATE', [id])) ?? { failed: 0, locked_until_ms: 0 };
    if (row.locked_until_ms > nowMs) return { row, lockedUntilMs: row.locked_until_ms };
    if (row.locked_until_ms !== 0) return { row: { failed: 0, locked_until_ms: 0 }, lockedUntilMs: 0 };
    return { row, lockedUntilMs: 0 };
  };
  const lock = async (id: string, limits: AttemptLimits): Promise<AttemptState> => {
    const until = limits.nowMs + limits.lockMs;
    await writeAttempt(id, limits.maxFailures, until, limits.nowMs);
    return { locked: true, lockedUntilMs: until };
  };
  return {
    add: (s) => changed('INSERT INTO staff(id, name, role, password_hash, created_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING', [s.id, s.name, s.role, s.passwordHash, s.createdMs]),
    get: async (id) => {
      const row = await first<StaffRow>(sql, 'SELECT * FROM staff WHERE id = $1', [id]);
      return row && staffFromRow(row);
    },
    list: async () => (await rows<StaffRow>(sql, 'SELECT * FROM staff ORDER BY id')).map(staffFromRow),
    activeAdmins: async () => (await first<{ n: number }>(sql, "SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND disabled_ms IS NULL"))?.n ?? 0,
    setPassword: async (id, hash) => {
      if (!(await changed('UPDATE staff SET password_hash = $1 WHERE id = $2', [hash, id]))) return false;
      await sql.query('DELETE FROM staff_attempts WHERE staff_id = $1', [id]);
      return true;
    },
    unlock: (id) => changed('DELETE FROM staff_attempts WHERE staff_id = $1', [id]),
    setRole: (id, role) => changed('UPDATE staff SET role = $1 WHERE id = $2', [role, id]),
    setDisabled: (id, disabledMs) => changed('UPDATE staff SET disabled_ms = $1 WHERE id = $2', [disabledMs, id]),
    setTotpPending: (id, sealed) => changed('UPDATE staff SET totp_pending_sealed = $1 WHERE id = $2', [sealed, id]),
    confirmTotp: (id, step) =>
      changed(
        'UPDATE staff SET totp_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = GREATEST(totp_last_step, $1) WHERE id = $2 AND totp_pending_sealed IS NOT NULL',
        [step, id],
      ),
    clearTotp: (id) => changed('UPDATE staff SET totp_sealed = NULL, totp_pending_sealed = NULL WHERE id = $1', [id]),
    useTotpStep: (id, step) => changed('UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1', [step, id]),
    reserveAttempt: async (id, limits) => {
      await sql.query('DELETE FROM staff_attempts WHERE updated_ms < $1 AND locked_until_ms <= $2 AND staff_id <> $3', [limits.nowMs - ATTEMPT_ROW_TTL_MS, limits.nowMs, id]);
      const { row, lockedUntilMs } = await current(id, limits.nowMs);
      if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
      if (row.failed >= limits.maxFailures) return lock(id, limits);
      await writeAttempt(id, row.failed + 1, 0, limits.nowMs);
      return { locked: false, failedAttempts: row.failed + 1 };
    },
    settleFailure: async (id, limits) => {
      const { row, lockedUntilMs } = await current(id, limits.nowMs);
      if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
      if (row.failed >= limits.maxFailures) return lock(id, limits);
      return { locked: false, failedAttempts: row.failed };
    },
    settleSuccess: async (id, limits) => {
      const { lockedUntilMs } = await current(id, limits.nowMs);
      if (lockedUntilMs > 0) return { locked: true, lockedUntilMs };
      await sql.query('DELETE FROM staff_attempts WHERE staff_id = $1', [id]);
      return { locked: false, failedAttempts: 0 };
    },
    lockedUntil: async (id, nowMs) => {
      const until = (await first<{ u: number }>(sql, 'SELECT locked_until_ms AS u FROM staff_attempts WHERE staff_id = $1', [id]))?.u ?? 0;
      return until > nowMs ? until : 0;
    },
  };
}

const alive = (s: StoredStaffSession, nowMs: number): boolean => nowMs < s.expiresMs && nowMs - s.lastSeenMs <= s.idleMs;

/** Console sessions on PostgreSQL: the database is the only place a session lives, so every hub process sees it. */
export function pgStaffSessionRepo(sql: Sql): StaffSessionRepo {
  return {
    create: async (s) => {
      await sql.query(
        'INSERT INTO staff_sessions(token_hash, staff_id, created_ms, last_seen_ms, idle_ms, expires_ms, csrf_token, address, restricted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [s.tokenHash, s.staffId, s.createdMs, s.lastSeenMs, s.idleMs, s.expiresMs, s.csrfToken, s.address, s.restricted],
      );
    },
    touch: async (tokenHash, nowMs, touchEveryMs) => {
      const row = await first<StaffSessionRow>(sql, 'SELECT * FROM staff_sessions WHERE token_hash = $1 FOR UPDATE', [tokenHash]);
      if (row === undefined) return undefined;
      const session = staffSessionFromRow(row);
      if (!alive(session, nowMs)) {
        await sql.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
        return undefined;
      }
      if (nowMs - session.lastSeenMs >= touchEveryMs) {
        await sql.query('UPDATE staff_sessions SET last_seen_ms = $1 WHERE token_hash = $2', [nowMs, tokenHash]);
        session.lastSeenMs = nowMs;
      }
      return session;
    },
    end: async (tokenHash) => (await changes(sql, 'DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash])) === 1,
    endAllOf: (staffId) => changes(sql, 'DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]),
    unrestrict: async (tokenHash) => (await changes(sql, 'UPDATE staff_sessions SET restricted = FALSE WHERE token_hash = $1', [tokenHash])) === 1,
    prune: (nowMs) => changes(sql, 'DELETE FROM staff_sessions WHERE expires_ms <= $1 OR last_seen_ms + idle_ms < $1', [nowMs]),
  };
}

/**
 * The staff log on PostgreSQL: an append bumps the log's head row (counters 'staff_log') first,
 * so parallel appends from any process wait for it and, in a serializable unit, one is retried
 * after the other committed: one chain, no gap, no fork. The sealed head (meta) is replaced in
 * the same transaction.
 */
export function pgStaffLogRepo(sql: Sql, keyRef: StaffLogKeyRef): StaffLogRepo {
  return {
    append: async (entry) => {
      const key = staffLogKey(keyRef);
      const head = await first<{ value: number }>(sql, "UPDATE counters SET value = value + 1 WHERE name = 'staff_log' RETURNING value");
      if (head === undefined) throw new Error('hub database: the staff log head is missing');
      const seq = head.value;
      const prevHash = seq === 1 ? GENESIS_HASH : (await first<{ hash: string }>(sql, 'SELECT hash FROM staff_log WHERE seq = $1', [seq - 1]))?.hash;
      if (prevHash === undefined) throw new Error(`hub database: staff log entry ${seq - 1} is missing`);
      const stored = (await first<{ value: string }>(sql, 'SELECT value FROM meta WHERE key = $1', [STAFF_LOG_HEAD_KEY]))?.value;
      const hash = staffLogHash(key, prevHash, seq, entry);
      await sql.query('INSERT INTO staff_log(seq, at_ms, staff_id, address, action, target, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        seq,
        entry.atMs,
        entry.staffId,
        entry.address,
        entry.action,
        entry.target,
        entry.outcome,
        prevHash,
        hash,
      ]);
      const last = seq === 1 ? undefined : { seq: seq - 1, hash: prevHash };
      await sql.query('INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
        STAFF_LOG_HEAD_KEY,
        nextStaffLogHead(key, last, stored, seq, hash),
      ]);
      return { ...entry, seq, prevHash, hash };
    },
    list: async (afterSeq, limit) => (await rows<StaffLogRow>(sql, 'SELECT * FROM staff_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])).map(staffLogFromRow),
    count: async () => (await first<{ n: number }>(sql, 'SELECT COUNT(*) AS n FROM staff_log'))?.n ?? 0,
  };
}
