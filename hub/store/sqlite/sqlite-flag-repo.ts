import type { Statement } from 'better-sqlite3';
import type { FlagRepo, NewFlag } from '../hub-store.js';
import { flagFromRow, type FlagRow } from '../store-rows.js';
import { settle, type HubDb } from './hub-database.js';

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

const STATE_SQL = { open: 'resolved_ms IS NULL', resolved: 'resolved_ms IS NOT NULL', all: '1 = 1' } as const;

/** Flags on SQLite. */
export function sqliteFlagRepo(db: HubDb): FlagRepo {
  return {
    add: (flags, createdMs) => settle(() => db.transaction(() => insertFlags(db, flags, createdMs)).immediate()),
    list: ({ limit, kind, state = 'all', before }) =>
      settle(() => {
        const where: string[] = [STATE_SQL[state]];
        const args: (string | number)[] = [];
        if (kind !== undefined) {
          where.push('kind = ?');
          args.push(kind);
        }
        if (before !== undefined) {
          where.push('id < ?');
          args.push(before);
        }
        return db
          .prepare<(string | number)[], FlagRow>(`SELECT * FROM flags WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
          .all(...args, limit)
          .map(flagFromRow);
      }),
    counts: () =>
      settle(() => {
        const rows = db.prepare<[], { kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM flags GROUP BY kind ORDER BY kind').all();
        return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
      }),
    get: (id) =>
      settle(() => {
        const row = db.prepare<[number], FlagRow>('SELECT * FROM flags WHERE id = ?').get(id);
        return row === undefined ? undefined : flagFromRow(row);
      }),
    openCounts: () =>
      settle(() => {
        const rows = db.prepare<[], { kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM flags WHERE resolved_ms IS NULL GROUP BY kind ORDER BY kind').all();
        return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
      }),
    openByTerminal: () =>
      settle(() => {
        const rows = db
          .prepare<[], { terminal_id: string; kind: string; n: number }>(
            'SELECT terminal_id, kind, COUNT(*) AS n FROM flags WHERE resolved_ms IS NULL AND terminal_id IS NOT NULL GROUP BY terminal_id, kind ORDER BY terminal_id, kind',
          )
          .all();
        const out: Record<string, Record<string, number>> = {};
        for (const r of rows) (out[r.terminal_id] ??= {})[r.kind] = r.n;
        return out;
      }),
    resolve: (id, { staffId, note, atMs }) =>
      settle(() => {
        const changed = db
          .prepare<[number, string, string, number]>('UPDATE flags SET resolved_ms = ?, resolved_by = ?, resolution_note = ? WHERE id = ? AND resolved_ms IS NULL')
          .run(atMs, staffId, note, id).changes;
        if (changed === 1) return 'ok';
        return db.prepare<[number], { id: number }>('SELECT id FROM flags WHERE id = ?').get(id) === undefined ? 'unknown' : 'resolved';
      }),
  };
}
