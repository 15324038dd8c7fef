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
    getMany: async (terminalId, seqs) =>
      (await rows<EntryRow>(sql, `SELECT ${COLUMNS} FROM audit_entries WHERE terminal_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq`, [terminalId, [...seqs]])).map(entryFromRow),
    // One multi-row INSERT from parallel arrays (unnest): one round trip whatever the batch's size.
    insertMany: async (terminalId, entries, receivedMs) =>
      entries.length === 0
        ? 0
        : changes(
            sql,
            `INSERT INTO audit_entries(terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok, received_ms)
             SELECT $1, e.* , $10 FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bytea[], $6::text[], $7::text[], $8::boolean[], $9::boolean[]) AS e
             ON CONFLICT DO NOTHING`,
            [
              terminalId,
              entries.map((e) => e.seq),
              entries.map((e) => e.at_ms),
              entries.map((e) => e.kind),
              entries.map((e) => Buffer.from(e.body, 'utf8')),
              entries.map((e) => e.prev_hash),
              entries.map((e) => e.hash),
              entries.map((e) => e.hashOk),
              entries.map((e) => e.linkOk),
              receivedMs,
            ],
          ),
    setLinks: async (terminalId, links) => {
      if (links.length === 0) return;
      await sql.query('UPDATE audit_entries a SET link_ok = l.ok FROM unnest($2::bigint[], $3::boolean[]) AS l(seq, ok) WHERE a.terminal_id = $1 AND a.seq = l.seq', [
        terminalId,
        links.map((l) => l.seq),
        links.map((l) => l.ok),
      ]);
    },
    // The first stored entry after `after` whose successor is missing ends the run, if after+1 is stored at all.
    contiguousEnd: async (terminalId, after) =>
      (
        await first<{ n: number }>(
          sql,
          `SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_entries WHERE terminal_id = $1 AND seq = $2 + 1) THEN (
             SELECT MIN(s.seq) FROM audit_entries s WHERE s.terminal_id = $1 AND s.seq > $2
               AND NOT EXISTS (SELECT 1 FROM audit_entries n WHERE n.terminal_id = $1 AND n.seq = s.seq + 1)
           ) ELSE $2 END AS n`,
          [terminalId, after],
        )
      )?.n ?? after,
    entries: async (terminalId, fromSeq, limit) =>
      (await rows<EntryRow>(sql, `SELECT ${COLUMNS} FROM audit_entries WHERE terminal_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`, [terminalId, fromSeq, limit])).map(entryFromRow),
  };
}
