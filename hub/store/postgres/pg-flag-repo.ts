import type { FlagRepo, NewFlag, PendingVoid, PendingVoidRepo } from '../hub-store.js';
import { flagFromRow, type FlagRow } from '../store-rows.js';
import { rows, type Sql } from './pg-unit-of-work.js';

/**
 * Inserts flags; an OVER_QUOTA flag also marks its use. One statement (the mark a
 * data-modifying CTE of the insert), so called through the store it is its own transaction
 * without BEGIN … COMMIT (pg-hub-store.ts ONE_STATEMENT_WRITES); inside a unit, part of it.
 */
export async function insertFlags(sql: Sql, flags: NewFlag[], createdMs: number): Promise<void> {
  if (flags.length === 0) return;
  const overQuota = flags.flatMap((f) => (f.kind === 'OVER_QUOTA' && f.useId ? [f.useId] : []));
  // Ids (newest first is by id) follow the order given.
  await sql.query(
    `WITH marked AS (UPDATE uses SET over_quota = TRUE WHERE id = ANY($10::text[]) RETURNING id)
     INSERT INTO flags(kind, terminal_id, iss, sub, use_id, audit_seq, at_ms, created_ms, detail)
     SELECT f.kind, f.terminal_id, f.iss, f.sub, f.use_id, f.audit_seq, f.at_ms, $8, f.detail
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $9::text[]) WITH ORDINALITY AS f(kind, terminal_id, iss, sub, use_id, audit_seq, at_ms, detail, ord)
     ORDER BY f.ord`,
    [
      flags.map((f) => f.kind),
      flags.map((f) => f.terminalId),
      flags.map((f) => f.iss ?? null),
      flags.map((f) => f.sub ?? null),
      flags.map((f) => f.useId ?? null),
      flags.map((f) => f.auditSeq ?? null),
      flags.map((f) => f.atMs ?? null),
      createdMs,
      flags.map((f) => f.detail),
      overQuota,
    ],
  );
}

const STATE_SQL = { open: 'resolved_ms IS NULL', resolved: 'resolved_ms IS NOT NULL', all: 'TRUE' } as const;

/** Flags on PostgreSQL (ids from a sequence: newest first is by id). */
export function pgFlagRepo(sql: Sql): FlagRepo {
  return {
    add: (flags, createdMs) => insertFlags(sql, flags, createdMs),
    list: async ({ limit, kind, state = 'all', before }) => {
      const where: string[] = [STATE_SQL[state]];
      const args: (string | number)[] = [];
      if (kind !== undefined) {
        args.push(kind);
        where.push(`kind = $${args.length}`);
      }
      if (before !== undefined) {
        args.push(before);
        where.push(`id < $${args.length}`);
      }
      args.push(limit);
      return (await rows<FlagRow>(sql, `SELECT * FROM flags WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${args.length}`, args)).map(flagFromRow);
    },
    counts: async () => Object.fromEntries((await rows<{ kind: string; n: number }>(sql, 'SELECT kind, COUNT(*) AS n FROM flags GROUP BY kind ORDER BY kind')).map((r) => [r.kind, r.n])),
    get: async (id) => {
      const [row] = await rows<FlagRow>(sql, 'SELECT * FROM flags WHERE id = $1', [id]);
      return row === undefined ? undefined : flagFromRow(row);
    },
    openCounts: async () =>
      Object.fromEntries((await rows<{ kind: string; n: number }>(sql, 'SELECT kind, COUNT(*) AS n FROM flags WHERE resolved_ms IS NULL GROUP BY kind ORDER BY kind')).map((r) => [r.kind, r.n])),
    openByTerminal: async () => {
      const found = await rows<{ terminal_id: string; kind: string; n: number }>(
        sql,
        'SELECT terminal_id, kind, COUNT(*) AS n FROM flags WHERE resolved_ms IS NULL AND terminal_id IS NOT NULL GROUP BY terminal_id, kind ORDER BY terminal_id, kind',
      );
      const out: Record<string, Record<string, number>> = {};
      for (const r of found) (out[r.terminal_id] ??= {})[r.kind] = r.n;
      return out;
    },
    resolve: async (id, { staffId, note, atMs }) => {
      // A conditional update: of two units resolving at once, the second waits on the row and then matches nothing.
      const done = await rows<{ id: number }>(sql, 'UPDATE flags SET resolved_ms = $1, resolved_by = $2, resolution_note = $3 WHERE id = $4 AND resolved_ms IS NULL RETURNING id', [atMs, staffId, note, id]);
      if (done.length === 1) return 'ok';
      return (await rows<{ id: number }>(sql, 'SELECT id FROM flags WHERE id = $1', [id])).length === 0 ? 'unknown' : 'resolved';
    },
  };
}

interface PendingRow {
  terminal_id: string;
  audit_seq: number;
  use_id: string;
}

const pendingFromRow = (r: PendingRow): PendingVoid => ({ terminalId: r.terminal_id, auditSeq: r.audit_seq, useId: r.use_id });

/** Waiting `void` entries on PostgreSQL. */
export function pgPendingVoidRepo(sql: Sql): PendingVoidRepo {
  return {
    add: async (v) => {
      await sql.query('INSERT INTO pending_voids(terminal_id, audit_seq, use_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [v.terminalId, v.auditSeq, v.useId]);
    },
    forUse: async (useId) => (await rows<PendingRow>(sql, 'SELECT * FROM pending_voids WHERE use_id = $1 ORDER BY audit_seq, terminal_id', [useId])).map(pendingFromRow),
    forUses: async (useIds) =>
      useIds.length === 0
        ? []
        : (await rows<PendingRow>(sql, 'SELECT * FROM pending_voids WHERE use_id = ANY($1::text[]) ORDER BY use_id, audit_seq, terminal_id', [[...useIds]])).map(pendingFromRow),
    upTo: async (terminalId, seq) => (await rows<PendingRow>(sql, 'SELECT * FROM pending_voids WHERE terminal_id = $1 AND audit_seq <= $2 ORDER BY audit_seq', [terminalId, seq])).map(pendingFromRow),
    remove: async (terminalId, auditSeq) => {
      await sql.query('DELETE FROM pending_voids WHERE terminal_id = $1 AND audit_seq = $2', [terminalId, auditSeq]);
    },
  };
}
