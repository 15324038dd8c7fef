import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { AuditRepo, StoredEntry } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

/** A stored entry: the uploaded columns and what the hub's checks found. */
interface EntryRow extends AuditEntry {
  hash_ok: number;
  link_ok: number | null;
}

const entryFromRow = (r: EntryRow): StoredEntry => ({
  seq: r.seq,
  at_ms: r.at_ms,
  kind: r.kind,
  body: r.body,
  prev_hash: r.prev_hash,
  hash: r.hash,
  hashOk: r.hash_ok === 1,
  linkOk: r.link_ok === null ? null : r.link_ok === 1,
});

/** Uploaded audit entries on SQLite: stored and read as given (the checks are hub/usage/ingest-entries.ts). */
export function sqliteAuditRepo(db: HubDb): AuditRepo {
  const getEntry = db.prepare<[string, number], EntryRow>('SELECT * FROM audit_entries WHERE terminal_id = ? AND seq = ?');
  const insertOnce = db.prepare(
    `INSERT INTO audit_entries(terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok, received_ms)
     VALUES (@terminal, @seq, @at_ms, @kind, @body, @prev_hash, @hash, @hashOk, @linkOk, @receivedMs)
     ON CONFLICT(terminal_id, seq) DO NOTHING`,
  );
  const entries = db.prepare<[string, number, number], EntryRow>('SELECT * FROM audit_entries WHERE terminal_id = ? AND seq >= ? ORDER BY seq LIMIT ?');
  const setLink = db.prepare<[number, string, number]>('UPDATE audit_entries SET link_ok = ? WHERE terminal_id = ? AND seq = ?');
  const insertRow = (terminalId: string, entry: StoredEntry, receivedMs: number): boolean =>
    insertOnce.run({
      terminal: terminalId,
      seq: entry.seq,
      at_ms: entry.at_ms,
      kind: entry.kind,
      body: entry.body,
      prev_hash: entry.prev_hash,
      hash: entry.hash,
      hashOk: entry.hashOk ? 1 : 0,
      linkOk: entry.linkOk === null ? null : entry.linkOk ? 1 : 0,
      receivedMs,
    }).changes === 1;
  // The first stored entry after `after` whose successor is missing ends the run, if after+1 is stored at all.
  const runEnd = db.prepare<{ terminal: string; after: number }, { n: number }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_entries WHERE terminal_id = @terminal AND seq = @after + 1) THEN (
       SELECT MIN(s.seq) FROM audit_entries s WHERE s.terminal_id = @terminal AND s.seq > @after
         AND NOT EXISTS (SELECT 1 FROM audit_entries n WHERE n.terminal_id = @terminal AND n.seq = s.seq + 1)
     ) ELSE @after END AS n`,
  );
  // In-process statements cost no round trip: the batch methods are loops over the one-row ones.
  return {
    get: (terminalId, seq) =>
      settle(() => {
        const row = getEntry.get(terminalId, seq);
        return row && entryFromRow(row);
      }),
    insert: (terminalId, entry, receivedMs) => settle(() => insertRow(terminalId, entry, receivedMs)),
    setLink: (terminalId, seq, ok) => settle(() => void setLink.run(ok ? 1 : 0, terminalId, seq)),
    getMany: (terminalId, seqs) =>
      settle(() =>
        [...new Set(seqs)]
          .sort((a, b) => a - b)
          .flatMap((seq) => {
            const row = getEntry.get(terminalId, seq);
            return row === undefined ? [] : [entryFromRow(row)];
          }),
      ),
    insertMany: (terminalId, entries, receivedMs) => settle(() => entries.filter((e) => insertRow(terminalId, e, receivedMs)).length),
    setLinks: (terminalId, links) => settle(() => links.forEach((l) => setLink.run(l.ok ? 1 : 0, terminalId, l.seq))),
    contiguousEnd: (terminalId, after) => settle(() => runEnd.get({ terminal: terminalId, after })?.n ?? after),
    entries: (terminalId, fromSeq, limit) => settle(() => entries.all(terminalId, fromSeq, limit).map(entryFromRow)),
  };
}
