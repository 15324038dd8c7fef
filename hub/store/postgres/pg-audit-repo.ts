import type { AuditRepo, StoredEntry } from '../hub-store.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';

interface EntryRow {
  seq: number;
  at_ms: number;
  kind: string;
  /** BYTEA (migration 0002): the body's UTF-8 bytes, NUL characters included. */
  body: Buffer;
  prev_hash: string;
  hash: string;
  hash_ok: boolean;
  link_ok: boolean | null;
}

const entryFromRow = (r: EntryRow): StoredEntry => ({
  seq: r.seq,
  at_ms: r.at_ms,
  kind: r.kind,
  body: r.body.toString('utf8'),
  prev_hash: r.prev_hash,
  hash: r.hash,
  hashOk: r.hash_ok,
  linkOk: r.link_ok,
});

const COLUMNS = 'seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok';

/** Uploaded audit entries on PostgreSQL, stored as given; (terminal_id, seq) is the primary key. */
export function pgAuditRepo(sql: Sql): AuditRepo {
  return {
    get: async (terminalId, seq) => {
      const row = await first<EntryRow>(sql, `SELECT ${COLUMNS} FROM audit_entries WHERE terminal_id = $1 AND seq = $2`, [terminalId, seq]);
      return row && entryFromRow(row);
    },
    // ON CONFLICT DO NOTHING: of two units storing one (terminal, seq), the second waits for the first and stores nothing.
    insert: async (terminalId, e, receivedMs) =>
      (await changes(
        sql,
        `INSERT INTO audit_entries(terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok, received_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [terminalId, e.seq, e.at_ms, e.kind, Buffer.from(e.body, 'utf8'), e.prev_hash, e.hash, e.hashOk, e.linkOk, receivedMs],
      )) === 1,
    setLink: async (terminalId, seq, ok) => {
      await sql.query('UPDATE audit_entries SET link_ok = $1 WHERE terminal_id = $2 AND seq = $3', [ok, terminalId, seq]);
    },
    entries: async (terminalId, fromSeq, limit) =>
      (await rows<EntryRow>(sql, `SELECT ${COLUMNS} FROM audit_entries WHERE terminal_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [terminalId, fromSeq, limit])).map(entryFromRow),
  };
}
