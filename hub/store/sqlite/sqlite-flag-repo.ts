import type { Statement } from 'better-sqlite3';
import { FLAG_KINDS, type FlagKind, type FlagRepo, type NewFlag, type StoredFlag } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

interface FlagRow {
  id: number;
  kind: string;
  terminal_id: string | null;
  iss: string | null;
  sub: string | null;
  use_id: string | null;
  audit_seq: number | null;
  at_ms: number | null;
  created_ms: number;
  detail: string;
}

const asKind = (kind: string): FlagKind => {
  if (!(FLAG_KINDS as readonly string[]).includes(kind)) throw new Error(`flag row with kind ${kind}`);
  return kind as FlagKind;
};

const statements = new WeakMap<HubDb, { insert: Statement<Record<string, unknown>>; overQuota: Statement<[string]> }>();

/** Inserts flags; an OVER_QUOTA flag also marks its use. Call inside a transaction. */
function insertFlags(db: HubDb, flags: NewFlag[], createdMs: number): void {
  let s = statements.get(db);
  if (s === undefined) {
    s = {
      insert: db.prepare<Record<string, unknown>>(
        `INSERT INTO flags(kind, terminal_id, iss, sub, use_id, audit_seq, at_ms, created_ms, detail)
         VALUES (@kind, @terminalId, @iss, @sub, @useId, @auditSeq, @atMs, @createdMs, @detail)`,
      ),
      overQuota: db.prepare<[string]>('UPDATE uses SET over_quota = 1 WHERE id = ?'),
    };
    statements.set(db, s);
  }
  const { insert, overQuota } = s;
  for (const f of flags) {
    if (f.kind === 'OVER_QUOTA' && f.useId) overQuota.run(f.useId);
    insert.run({
      kind: f.kind,
      terminalId: f.terminalId,
      iss: f.iss ?? null,
      sub: f.sub ?? null,
      useId: f.useId ?? null,
      auditSeq: f.auditSeq ?? null,
      atMs: f.atMs ?? null,
      createdMs,
      detail: f.detail,
    });
  }
}

/** Flags on SQLite. */
export function sqliteFlagRepo(db: HubDb): FlagRepo {
  return {
    add: (flags, createdMs) => settle(() => db.transaction(() => insertFlags(db, flags, createdMs)).immediate()),
    list: ({ limit, kind }) =>
      settle(() => {
        const rows =
          kind === undefined
            ? db.prepare<[number], FlagRow>('SELECT * FROM flags ORDER BY id DESC LIMIT ?').all(limit)
            : db.prepare<[string, number], FlagRow>('SELECT * FROM flags WHERE kind = ? ORDER BY id DESC LIMIT ?').all(kind, limit);
        return rows.map(
          (r): StoredFlag => ({
            id: r.id,
            kind: asKind(r.kind),
            terminalId: r.terminal_id,
            iss: r.iss,
            sub: r.sub,
            useId: r.use_id,
            auditSeq: r.audit_seq,
            atMs: r.at_ms,
            createdMs: r.created_ms,
            detail: r.detail,
          }),
        );
      }),
    counts: () =>
      settle(() => {
        const rows = db.prepare<[], { kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM flags GROUP BY kind ORDER BY kind').all();
        return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
      }),
  };
}
