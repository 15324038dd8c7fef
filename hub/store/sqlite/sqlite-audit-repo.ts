import { GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { AuditRepo, CheckedEntry, IngestOutcome, NewFlag, StoredEntry, StoredTerminal, StoredUse, UseJudge } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { insertFlags } from './sqlite-flag-repo.js';
import { carryOne, insertUse, useHistory } from './sqlite-use-repo.js';
import { useVoids } from './sqlite-use-voids.js';

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

/**
 * Uploaded audit entries on SQLite. One batch is one transaction: each (terminal, seq) is
 * stored once, links are checked against what is stored (both ways, so entries may arrive
 * out of order), breaks are stored and flagged, uses are taken out and judged against the
 * uses stored before them (a refused use is stored with its reason and flagged), `void` entries
 * take back their uses (sqlite-use-voids.ts), and the cursor moves.
 */
export function sqliteAuditRepo(db: HubDb): AuditRepo {
  const getEntry = db.prepare<[string, number], EntryRow>('SELECT * FROM audit_entries WHERE terminal_id = ? AND seq = ?');
  const insertEntry = db.prepare(
    `INSERT INTO audit_entries(terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok, received_ms)
     VALUES (@terminal, @seq, @at_ms, @kind, @body, @prev_hash, @hash, @hashOk, @linkOk, @receivedMs)`,
  );
  const insertOnce = db.prepare(
    `INSERT OR IGNORE INTO audit_entries(terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok, received_ms)
     VALUES (@terminal, @seq, @at_ms, @kind, @body, @prev_hash, @hash, @hashOk, @linkOk, @receivedMs)`,
  );
  const setLink = db.prepare<[number, string, number]>('UPDATE audit_entries SET link_ok = ? WHERE terminal_id = ? AND seq = ?');
  const setCursor = db.prepare<[number, number, number | null, string]>(
    'UPDATE terminals SET cursor = ?, last_seen_ms = ?, clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE id = ?',
  );
  const terminalCursor = db.prepare<[string], { cursor: number }>('SELECT cursor FROM terminals WHERE id = ?');
  const successor = db.prepare<[string, string], { replaced_by: string | null }>('SELECT replaced_by FROM cards WHERE iss = ? AND sub = ?');

  const successors = (iss: string, sub: string): string[] => {
    const chain: string[] = [];
    let next = successor.get(iss, sub)?.replaced_by ?? null;
    while (next !== null && chain.length < 100 && !chain.includes(next)) {
      chain.push(next);
      next = successor.get(iss, next)?.replaced_by ?? null;
    }
    return chain;
  };

  const history = useHistory(db);
  const voids = useVoids(db);
  const ingestTx = db.transaction((terminal: StoredTerminal, entries: CheckedEntry[], receivedMs: number, clockOffsetMs: number | null, judge: UseJudge | undefined): IngestOutcome => {
    const flags: NewFlag[] = [];
    const uses: StoredUse[] = [];
    const flag = (f: Omit<NewFlag, 'terminalId'>) => flags.push({ terminalId: terminal.id, ...f });
    let accepted = 0;
    let duplicates = 0;
    // Uses (and carried copies) voided in this step: no later check of this batch may count them.
    const voided = new Set<string>();

    const takeUse = (entry: CheckedEntry) => {
      if (entry.kind !== 'use') return;
      if (entry.use === undefined) {
        flag({ kind: 'BAD_USE', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: ${entry.useProblem ?? 'unreadable use'}` });
        return;
      }
      // A void that came before its use: the use never counted, so it is not judged either.
      const voidedFirst = voids.arriving(terminal.id, entry.use, entry.seq, flags);
      const verdict = voidedFirst ? undefined : judge?.(entry.use, history);
      const refused = voidedFirst ? 'VOIDED' : (verdict?.refusal ?? null);
      const stored = insertUse(db, entry.use, { terminalId: terminal.id, auditSeq: entry.seq, site: terminal.site, receivedMs, carriedFrom: null, refused });
      if (stored === undefined) {
        flag({ kind: 'DUPLICATE_USE', useId: entry.use.id, auditSeq: entry.seq, iss: entry.use.iss, sub: entry.use.sub, detail: `seq ${entry.seq}: use ${entry.use.id} was already stored` });
        return;
      }
      if (verdict !== undefined) {
        const kind = verdict.refusal === 'OVER_QUOTA' ? 'OVER_QUOTA' : 'INVALID_USE';
        const detail = verdict.refusal === 'OVER_QUOTA' ? verdict.detail : `${verdict.refusal}: ${verdict.detail}`;
        flag({ kind, useId: stored.id, auditSeq: entry.seq, iss: stored.iss, sub: stored.sub, atMs: stored.atMs, detail });
      }
      uses.push(stored);
      for (const sub of successors(stored.iss, stored.sub)) uses.push(...carryOne(db, stored, sub));
    };

    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    const inBatch = new Set(sorted.map((e) => e.seq));
    // The entry stored just before, so a contiguous batch links without reading back what it wrote.
    let last: { seq: number; hash: string } | undefined;
    for (const entry of sorted) {
      const existing = getEntry.get(terminal.id, entry.seq);
      if (existing !== undefined) {
        duplicates += 1;
        if (existing.link_ok === null && entry.seq > 1) {
          // Stored before its predecessor arrived: check the link now that it may be there.
          const before = last?.seq === entry.seq - 1 ? last.hash : getEntry.get(terminal.id, entry.seq - 1)?.hash;
          if (before !== undefined) {
            const ok = before === existing.prev_hash;
            setLink.run(ok ? 1 : 0, terminal.id, entry.seq);
            if (!ok) flag({ kind: 'CHAIN_BREAK', auditSeq: entry.seq, atMs: existing.at_ms, detail: `seq ${entry.seq}: prev_hash does not match entry ${entry.seq - 1}` });
          }
        }
        last = { seq: entry.seq, hash: existing.hash };
        if (existing.hash !== entry.hash) {
          // The same sequence with other content: a rewritten log or a reset terminal. Kept as a flag, and its use kept too.
          flag({ kind: 'CONFLICT', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: stored hash ${existing.hash.slice(0, 12)}…, uploaded ${entry.hash.slice(0, 12)}…` });
          takeUse(entry);
        }
        continue;
      }
      const prevHash = entry.seq === 1 ? GENESIS_HASH : last?.seq === entry.seq - 1 ? last.hash : getEntry.get(terminal.id, entry.seq - 1)?.hash;
      const linkOk = prevHash === undefined ? null : prevHash === entry.prev_hash;
      insertEntry.run({
        terminal: terminal.id,
        seq: entry.seq,
        at_ms: entry.at_ms,
        kind: entry.kind,
        body: entry.body,
        prev_hash: entry.prev_hash,
        hash: entry.hash,
        hashOk: entry.hashOk ? 1 : 0,
        linkOk: linkOk === null ? null : linkOk ? 1 : 0,
        receivedMs,
      });
      accepted += 1;
      if (!entry.hashOk) flag({ kind: 'CHAIN_BREAK', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: the entry's hash does not match its content` });
      if (linkOk === false) flag({ kind: 'CHAIN_BREAK', auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: prev_hash does not match entry ${entry.seq - 1}` });
      last = { seq: entry.seq, hash: entry.hash };
      // The entry after, when it arrived earlier: its link could not be checked until now.
      const next = inBatch.has(entry.seq + 1) ? undefined : getEntry.get(terminal.id, entry.seq + 1);
      if (next !== undefined && next.link_ok === null) {
        const ok = next.prev_hash === entry.hash;
        setLink.run(ok ? 1 : 0, terminal.id, entry.seq + 1);
        if (!ok) flag({ kind: 'CHAIN_BREAK', auditSeq: entry.seq + 1, atMs: next.at_ms, detail: `seq ${entry.seq + 1}: prev_hash does not match entry ${entry.seq}` });
      }
      takeUse(entry);
      for (const id of voids.take(terminal.id, entry, flags)) voided.add(id);
    }

    const heldCursor = terminalCursor.get(terminal.id)?.cursor ?? 0;
    let cursor = heldCursor;
    while (getEntry.get(terminal.id, cursor + 1) !== undefined) cursor += 1;
    setCursor.run(cursor, receivedMs, clockOffsetMs, terminal.id);
    voids.settle(terminal.id, cursor, flags);
    insertFlags(db, flags, receivedMs);
    const judged = uses.map((u) => (voided.has(u.id) ? { ...u, refused: 'VOIDED' as const } : u));
    return { accepted, duplicates, cursor, uses: judged, flags, heldCursor };
  });

  return {
    get: (terminalId, seq) =>
      settle(() => {
        const row = getEntry.get(terminalId, seq);
        return row && entryFromRow(row);
      }),
    insert: (terminalId, entry, receivedMs) =>
      settle(
        () =>
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
          }).changes === 1,
      ),
    setLink: (terminalId, seq, ok) => settle(() => void setLink.run(ok ? 1 : 0, terminalId, seq)),
    ingest: (terminal, entries, receivedMs, clockOffsetMs, judge) => settle(() => ingestTx.immediate(terminal, entries, receivedMs, clockOffsetMs, judge)),
    entries: (terminalId, fromSeq, limit) =>
      settle(() =>
        db
          .prepare<[string, number, number], EntryRow>('SELECT * FROM audit_entries WHERE terminal_id = ? AND seq >= ? ORDER BY seq LIMIT ?')
          .all(terminalId, fromSeq, limit)
          .map((r) => ({
            seq: r.seq,
            at_ms: r.at_ms,
            kind: r.kind,
            body: r.body,
            prev_hash: r.prev_hash,
            hash: r.hash,
            hashOk: r.hash_ok === 1,
            linkOk: r.link_ok === null ? null : r.link_ok === 1,
          })),
      ),
  };
}
