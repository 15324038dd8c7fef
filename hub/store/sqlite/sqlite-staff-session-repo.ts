import type { StaffSessionRepo, StoredStaffSession } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { staffSessionFromRow, type StaffSessionRow } from '../store-rows.js';

/** A row of `staff_sessions` as SQLite answers it, `restricted` 0/1. */
type SessionRow = Omit<StaffSessionRow, 'restricted'> & { restricted: number };

const fromRow = (r: SessionRow): StoredStaffSession => staffSessionFromRow({ ...r, restricted: r.restricted === 1 });

const alive = (s: StoredStaffSession, nowMs: number): boolean => nowMs < s.expiresMs && nowMs - s.lastSeenMs <= s.idleMs;

/** Console sessions on SQLite: the database is the only place a session lives, so every hub process on the file sees it. */
export function sqliteStaffSessionRepo(db: HubDb): StaffSessionRepo {
  const getStmt = db.prepare<[string], SessionRow>('SELECT * FROM staff_sessions WHERE token_hash = ?');
  const endStmt = db.prepare<[string]>('DELETE FROM staff_sessions WHERE token_hash = ?');
  const touchTx = db.transaction((tokenHash: string, nowMs: number, touchEveryMs: number): StoredStaffSession | undefined => {
    const row = getStmt.get(tokenHash);
    if (row === undefined) return undefined;
    const session = fromRow(row);
    if (!alive(session, nowMs)) {
      endStmt.run(tokenHash);
      return undefined;
    }
    if (nowMs - session.lastSeenMs >= touchEveryMs) {
      db.prepare<[number, string]>('UPDATE staff_sessions SET last_seen_ms = ? WHERE token_hash = ?').run(nowMs, tokenHash);
      session.lastSeenMs = nowMs;
    }
    return session;
  });
  return {
    create: (s) =>
      settle(() => {
        db.prepare<[string, string, number, number, number, number, string, string, number]>(
          'INSERT INTO staff_sessions(token_hash, staff_id, created_ms, last_seen_ms, idle_ms, expires_ms, csrf_token, address, restricted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(s.tokenHash, s.staffId, s.createdMs, s.lastSeenMs, s.idleMs, s.expiresMs, s.csrfToken, s.address, s.restricted ? 1 : 0);
      }),
    touch: (tokenHash, nowMs, touchEveryMs) => settle(() => touchTx.immediate(tokenHash, nowMs, touchEveryMs)),
    end: (tokenHash) => settle(() => endStmt.run(tokenHash).changes === 1),
    endAllOf: (staffId) => settle(() => db.prepare<[string]>('DELETE FROM staff_sessions WHERE staff_id = ?').run(staffId).changes),
    unrestrict: (tokenHash) => settle(() => db.prepare<[string]>('UPDATE staff_sessions SET restricted = 0 WHERE token_hash = ?').run(tokenHash).changes === 1),
    prune: (nowMs) =>
      settle(() => db.prepare<[number, number]>('DELETE FROM staff_sessions WHERE expires_ms <= ? OR last_seen_ms + idle_ms < ?').run(nowMs, nowMs).changes),
  };
}
