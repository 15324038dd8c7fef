import type { PendingVoid, PendingVoidRepo } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

interface PendingRow {
  terminal_id: string;
  audit_seq: number;
  use_id: string;
}

const fromRow = (r: PendingRow): PendingVoid => ({ terminalId: r.terminal_id, auditSeq: r.audit_seq, useId: r.use_id });

/** Waiting `void` entries on SQLite (pending_voids, migration 0006). */
export function sqlitePendingVoidRepo(db: HubDb): PendingVoidRepo {
  const add = db.prepare<[string, number, string]>('INSERT OR IGNORE INTO pending_voids(terminal_id, audit_seq, use_id) VALUES (?, ?, ?)');
  const forUse = db.prepare<[string], PendingRow>('SELECT * FROM pending_voids WHERE use_id = ? ORDER BY audit_seq, terminal_id');
  const upTo = db.prepare<[string, number], PendingRow>('SELECT * FROM pending_voids WHERE terminal_id = ? AND audit_seq <= ? ORDER BY audit_seq');
  const remove = db.prepare<[string, number]>('DELETE FROM pending_voids WHERE terminal_id = ? AND audit_seq = ?');
  return {
    add: (v) => settle(() => void add.run(v.terminalId, v.auditSeq, v.useId)),
    forUse: (useId) => settle(() => forUse.all(useId).map(fromRow)),
    forUses: (useIds) => settle(() => [...new Set(useIds)].flatMap((id) => forUse.all(id).map(fromRow))),
    upTo: (terminalId, seq) => settle(() => upTo.all(terminalId, seq).map(fromRow)),
    remove: (terminalId, auditSeq) => settle(() => void remove.run(terminalId, auditSeq)),
  };
}
