import { GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import {
  nextStaffLogHead,
  STAFF_LOG_HEAD_KEY,
  staffLogHash,
  staffLogKey,
  type NewStaffLogEntry,
  type StaffLogKeyRef,
  type StaffLogRepo,
  type StoredStaffLogEntry,
} from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { staffLogFromRow, type StaffLogRow } from '../store-rows.js';

/**
 * The staff log on SQLite: an append reads the last entry and the sealed head, writes the next
 * entry and the new head, in one write transaction (a savepoint of the unit it runs in).
 */
export function sqliteStaffLogRepo(db: HubDb, keyRef: StaffLogKeyRef): StaffLogRepo {
  const appendTx = db.transaction((entry: NewStaffLogEntry): StoredStaffLogEntry => {
    const key = staffLogKey(keyRef);
    const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM staff_log ORDER BY seq DESC LIMIT 1').get();
    const stored = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(STAFF_LOG_HEAD_KEY)?.value;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = staffLogHash(key, prevHash, seq, entry);
    db.prepare<[number, number, string | null, string, string, string | null, string, string, string]>(
      'INSERT INTO staff_log(seq, at_ms, staff_id, address, action, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(seq, entry.atMs, entry.staffId, entry.address, entry.action, entry.target, entry.outcome, prevHash, hash);
    db.prepare<[string, string]>('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      STAFF_LOG_HEAD_KEY,
      nextStaffLogHead(key, last, stored, seq, hash),
    );
    return { ...entry, seq, prevHash, hash };
  });
  return {
    append: (entry) => settle(() => appendTx.immediate(entry)),
    list: (afterSeq, limit) =>
      settle(() => db.prepare<[number, number], StaffLogRow>('SELECT * FROM staff_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit).map(staffLogFromRow)),
    count: () => settle(() => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff_log').get()?.n ?? 0),
  };
}
