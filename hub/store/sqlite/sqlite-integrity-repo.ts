import { integrityCheck } from '../../../node/sqlite/integrity-check.js';
import type { IntegrityEntry, IntegrityFlag, IntegrityRepo, IntegrityUse } from '../integrity-repo.js';
import type { HubDb } from './hub-database.js';
import type { SqliteUseRow } from './sqlite-use-repo.js';

interface EntryRow {
  terminal_id: string;
  seq: number;
  at_ms: number;
  kind: string;
  body: string;
  prev_hash: string;
  hash: string;
  hash_ok: number;
  link_ok: number | null;
}

const entryOf = (r: EntryRow): IntegrityEntry => ({
  terminalId: r.terminal_id,
  seq: r.seq,
  atMs: r.at_ms,
  kind: r.kind,
  body: r.body,
  prevHash: r.prev_hash,
  hash: r.hash,
  hashOkAtUpload: r.hash_ok === 1,
  linkOkAtUpload: r.link_ok === null ? null : r.link_ok === 1,
});

/**
 * A use row as stored, not as the use repository reads it (`useFromRow`): the check must see
 * raw companions text, the over-quota number and an unknown refusal as they are, since the
 * repository's reading normalises exactly what damage would change.
 */
const useOf = (r: SqliteUseRow): IntegrityUse => ({
  cursor: r.cursor,
  id: r.id,
  terminalId: r.terminal_id,
  auditSeq: r.audit_seq,
  site: r.site,
  decisionId: r.decision_id,
  iss: r.iss,
  sub: r.sub,
  tier: r.tier,
  service: r.service,
  beneficiary: r.beneficiary,
  atMs: r.at_ms,
  realMs: r.real_ms,
  receivedMs: r.received_ms,
  companions: r.companions,
  companionsTotal: r.companions_total,
  ticket: r.ticket,
  carriedFrom: r.carried_from,
  overQuota: r.over_quota,
  refused: r.refused,
});

const ENTRY_COLUMNS = 'terminal_id, seq, at_ms, kind, body, prev_hash, hash, hash_ok, link_ok';

/** The integrity reads on the hub's SQLite file; they write nothing, so a read-only connection serves. */
export function sqliteIntegrityRepo(db: HubDb): IntegrityRepo {
  const entries = db.prepare<[string], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE terminal_id = ? ORDER BY seq`);
  const entryAt = db.prepare<[string, number], EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE terminal_id = ? AND seq = ?`);
  const useById = db.prepare<[string], SqliteUseRow>('SELECT * FROM uses WHERE id = ?');
  const replacedBy = db.prepare<[string, string], { replaced_by: string | null }>('SELECT replaced_by FROM cards WHERE iss = ? AND sub = ?');
  return {
    quickCheck: () => integrityCheck(db),
    terminals: () => db.prepare<[], { id: string; site: string; cursor: number }>('SELECT id, site, cursor FROM terminals ORDER BY id').all(),
    entryTerminals: () => db.prepare<[], { terminal_id: string }>('SELECT DISTINCT terminal_id FROM audit_entries ORDER BY terminal_id').all().map((r) => r.terminal_id),
    *entries(terminalId) {
      for (const row of entries.iterate(terminalId)) yield entryOf(row);
    },
    entryAt: (terminalId, seq) => {
      const row = entryAt.get(terminalId, seq);
      return row === undefined ? undefined : entryOf(row);
    },
    *uses() {
      for (const row of db.prepare<[], SqliteUseRow>('SELECT * FROM uses ORDER BY cursor').iterate()) yield useOf(row);
    },
    useById: (id) => {
      const row = useById.get(id);
      return row === undefined ? undefined : useOf(row);
    },
    *flags(kinds) {
      const rows = db.prepare<[string], { kind: string; terminal_id: string | null; use_id: string | null; audit_seq: number | null; detail: string }>(
        'SELECT kind, terminal_id, use_id, audit_seq, detail FROM flags WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY id',
      );
      for (const r of rows.iterate(JSON.stringify(kinds))) {
        const flag: IntegrityFlag = { kind: r.kind, terminalId: r.terminal_id, useId: r.use_id, auditSeq: r.audit_seq, detail: r.detail };
        yield flag;
      }
    },
    replacedBy: (iss, sub) => replacedBy.get(iss, sub)?.replaced_by ?? undefined,
    snapshot: (work) => db.transaction(work).deferred(),
  };
}
