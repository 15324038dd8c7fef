import { GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { staffLogHash, type NewStaffLogEntry, type StaffLogRepo, type StoredStaffLogEntry } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

interface LogRow {
  seq: number;
  at_ms: number;
  staff_id: string | null;
  address: string;
  action: string;
  target: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

const fromRow = (r: LogRow): StoredStaffLogEntry => ({
  seq: r.seq,
  atMs: r.at_ms,
  staffId: r.staff_id,
  address: r.address,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The staff log on SQLite: an append reads the head and writes the next entry in one write transaction. */
export function sqliteStaffLogRepo(db: HubDb): StaffLogRepo {
  const appendTx = db.transaction((entry: NewStaffLogEntry): StoredStaffLogEntry => {
    const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM staff_log ORDER BY seq DESC LIMIT 1').get();
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = staffLogHash(prevHash, seq, entry);
    db.prepare<[number, number, string | null, string, string, string | null, string, string, string]>(
      'INSERT INTO staff_log(seq, at_ms, staff_id, address, action, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(seq, entry.atMs, entry.staffId, entry.address, entry.action, entry.target, entry.outcome, prevHash, hash);
    return { ...entry, seq, prevHash, hash };
  });
  return {
    append: (entry) => settle(() => appendTx.immediate(entry)),
    list: (afterSeq, limit) =>
      settle(() => db.prepare<[number, number], LogRow>('SELECT * FROM staff_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit).map(fromRow)),
    count: () => settle(() => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff_log').get()?.n ?? 0),
  };
}
