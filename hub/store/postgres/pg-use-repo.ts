import type { CountingUse, NewUse, StoredUse, UseOrigin, UseRepo } from '../hub-store.js';
import { companionsColumn } from '../sqlite/row-parsers.js';
import { first, rows, type Sql } from './pg-unit-of-work.js';
import { useFromRow, type UseRow } from '../store-rows.js';

/**
 * Advisory lock classes (two-int4 keys, a key space apart from the one-bigint migration lock):
 * the feed cursor's lock and the per-card use locks.
 */
const CURSOR_LOCK = [0x4a494e4b, 1] as const;
const CARD_LOCK_CLASS = 0x4a494e4b + 2;

/**
 * The next feed cursor, for an INSERT or UPDATE: taken from the sequence only while holding the
 * cursor lock, which is transaction-scoped and so held until the taking unit commits or rolls
 * back. The next unit gets the lock, and a larger cursor, only after this one's rows are
 * visible: cursors become visible in increasing order, and a feed reader that has seen cursor n
 * never later meets an unseen use below n (a plain sequence would let a unit that took 10
 * commit after one that took 11). A rolled-back unit leaves a gap, which no reader waits for.
 */
const NEXT_CURSOR = `(SELECT nextval('use_cursor_seq') FROM (SELECT pg_advisory_xact_lock(${CURSOR_LOCK[0]}, ${CURSOR_LOCK[1]})) AS cursor_lock)`;

const RANGE = 'carried_from IS NULL AND refused IS NULL AND at_ms >= $1 AND at_ms < $2';
const range = (r: { fromMs?: number; toMs?: number }) => [r.fromMs ?? Number.MIN_SAFE_INTEGER, r.toMs ?? Number.MAX_SAFE_INTEGER];
/** The use's Shanghai calendar day (UTC+8, no daylight saving since 1991), as SQLite's report computes it. */
const DAY_EXPR = "to_char(to_timestamp(floor((at_ms + 28800000) / 1000.0)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

/** Uses on PostgreSQL. */
/**
 * The quota feed's page past a cursor for some services, and the top cursor, in one statement
 * (one snapshot). Answered through the (service, cursor) index (PostgreSQL migration 10), not
 * the table's statistics (test/hub/store/postgres-feed-plan.test.ts).
 */
export const FEED_SQL = `WITH top AS (SELECT COALESCE(MAX(cursor), 0) AS c FROM uses),
         page AS (
           SELECT * FROM uses WHERE cursor > $1 AND (terminal_id IS NULL OR terminal_id <> $2) AND service = ANY($3::text[])
             AND (refused IS NULL OR ($4 AND refused = 'VOIDED')) ORDER BY cursor LIMIT $5
         )
         SELECT page.*, top.c AS top_cursor FROM top LEFT JOIN page ON TRUE ORDER BY page.cursor`;

export function pgUseRepo(sql: Sql): UseRepo {
  return {
    // Walks the card's sites by the (iss, sub, site, at_ms) index, then takes at most one use per other site in the window.
    nearestElsewhere: async (q) => {
      const row = await first<UseRow>(
        sql,
        `WITH RECURSIVE sites(site) AS (
           SELECT (SELECT MIN(site) FROM uses WHERE iss = $1 AND sub = $2)
           UNION ALL
           SELECT (SELECT MIN(site) FROM uses WHERE iss = $1 AND sub = $2 AND site > sites.site) FROM sites WHERE sites.site IS NOT NULL
         )
         SELECT u.* FROM sites CROSS JOIN LATERAL (
           SELECT * FROM uses WHERE iss = $1 AND sub = $2 AND site = sites.site AND at_ms > $4 AND at_ms < $5
             AND id <> $6 AND carried_from IS NULL AND refused IS NULL ORDER BY at_ms LIMIT 1
         ) u
         WHERE sites.site IS NOT NULL AND sites.site <> $3
         ORDER BY u.at_ms LIMIT 1`,
        [q.iss, q.sub, q.site, q.atMs - q.windowMs, q.atMs + q.windowMs, q.excludeId],
      );
      return row && useFromRow(row);
    },
    // One statement, so the page and the top cursor come from one snapshot. A voided use moved to a new cursor when voided.
    feed: async (q) => {
      const found = await rows<UseRow & { top_cursor: number }>(
        sql,
        FEED_SQL,
        [q.afterCursor, q.excludeTerminal, q.services, q.voided === true, q.limit + 1],
      );
      const top = found[0]?.top_cursor ?? 0;
      const all = found.filter((r) => r.id !== null).map(({ top_cursor: _top, ...row }) => useFromRow(row));
      const more = all.length > q.limit;
      const uses = more ? all.slice(0, q.limit) : all;
      // With nothing more to send, the cursor moves past the caller's own uses too.
      const cursor = more ? (uses[uses.length - 1] as StoredUse).cursor : Math.max(q.afterCursor, top);
      return { uses, cursor, more };
    },
    usageRows: (r) =>
      rows<{ day: string; site: string; service: string; tier: string; uses: number; companions: number }>(
        sql,
        `SELECT ${DAY_EXPR} AS day, site, service, tier, COUNT(*) AS uses, SUM(companions_total)::bigint AS companions
         FROM uses WHERE ${RANGE} GROUP BY day, site, service, tier ORDER BY 1, 2, 3, 4`,
        range(r),
      ),
    // Summed here from each distinct companions text (few: the same relations recur), not cast to jsonb, which refuses U+0000 in a key.
    companionsByRelation: async (r) => {
      const found = await rows<{ companions: string; n: number }>(
        sql,
        `SELECT companions, COUNT(*) AS n FROM uses WHERE ${RANGE} AND companions <> '{}' GROUP BY companions`,
        range(r),
      );
      const sums = new Map<string, number>();
      for (const row of found) {
        for (const [relation, count] of Object.entries(companionsColumn(row.companions))) sums.set(relation, (sums.get(relation) ?? 0) + count * row.n);
      }
      return Object.fromEntries([...sums].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    },
    voidedCount: async (r) =>
      (await first<{ n: number }>(sql, "SELECT COUNT(*) AS n FROM uses WHERE carried_from IS NULL AND refused = 'VOIDED' AND at_ms >= $1 AND at_ms < $2", range(r)))?.n ?? 0,
    count: async () => (await first<{ n: number }>(sql, 'SELECT COUNT(*) AS n FROM uses WHERE carried_from IS NULL'))?.n ?? 0,
    insert: (use, origin) => insertUse(sql, use, origin),
    insertMany: (items) => insertUses(sql, items),
    storedIds: async (ids) => (ids.length === 0 ? [] : (await rows<{ id: string }>(sql, 'SELECT id FROM uses WHERE id = ANY($1::text[])', [[...ids]])).map((r) => r.id)),
    // The locks in one order for every unit (by lock key, then name), taken one after the other as the sorted rows are projected.
    lockCards: async (cards) => {
      if (cards.length === 0) return;
      await sql.query(
        `SELECT pg_advisory_xact_lock($1, k.h) FROM (SELECT DISTINCT hashtext(name) AS h FROM unnest($2::text[]) AS name) AS k ORDER BY k.h`,
        [CARD_LOCK_CLASS, cards.map((c) => JSON.stringify([c.iss, c.sub]))],
      );
    },
    countingHistory: async (cards) => {
      if (cards.length === 0) return [];
      const found = await rows<{ cursor: number; id: string; iss: string; sub: string; service: string; beneficiary: string; at_ms: number; card_nbf: number | null }>(
        sql,
        `SELECT u.cursor, u.id, u.iss, u.sub, u.service, u.beneficiary, u.at_ms, u.card_nbf
         FROM (SELECT DISTINCT iss, sub FROM unnest($1::text[], $2::text[]) AS c(iss, sub)) AS c
         JOIN uses u ON u.iss = c.iss AND u.sub = c.sub
         WHERE u.refused IS NULL ORDER BY u.cursor`,
        [cards.map((c) => c.iss), cards.map((c) => c.sub)],
      );
      return found.map((r): CountingUse => ({ cursor: r.cursor, id: r.id, iss: r.iss, sub: r.sub, service: r.service, beneficiary: r.beneficiary, atMs: r.at_ms, cardNbf: r.card_nbf }));
    },
    // Per use, the earliest counting use of its card at another site in the window (the (iss, sub, at_ms) index bounds it to the window).
    nearestElsewhereMany: async (qs) => {
      if (qs.length === 0) return [];
      const found = await rows<UseRow & { ord: number }>(
        sql,
        `SELECT q.ord, u.* FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[]) WITH ORDINALITY AS q(iss, sub, site, from_ms, to_ms, exclude, ord)
         CROSS JOIN LATERAL (
           SELECT * FROM uses WHERE iss = q.iss AND sub = q.sub AND at_ms > q.from_ms AND at_ms < q.to_ms AND site <> q.site
             AND id <> q.exclude AND carried_from IS NULL AND refused IS NULL ORDER BY at_ms LIMIT 1
         ) u`,
        [qs.map((q) => q.iss), qs.map((q) => q.sub), qs.map((q) => q.site), qs.map((q) => q.atMs - q.windowMs), qs.map((q) => q.atMs + q.windowMs), qs.map((q) => q.excludeId)],
      );
      const byOrd = new Map(found.map(({ ord, ...row }) => [ord, useFromRow(row)]));
      return qs.map((_, i) => byOrd.get(i + 1));
    },
    ofCard: async (iss, sub) => (await rows<UseRow>(sql, 'SELECT * FROM uses WHERE iss = $1 AND sub = $2 ORDER BY cursor', [iss, sub])).map(useFromRow),
    get: async (id) => {
      const row = await first<UseRow>(sql, 'SELECT * FROM uses WHERE id = $1', [id]);
      return row && useFromRow(row);
    },
    copiesOf: async (id) => (await rows<UseRow>(sql, 'SELECT * FROM uses WHERE carried_from = $1 ORDER BY cursor', [id])).map(useFromRow),
    markVoided: async (id) =>
      ((await sql.query(`UPDATE uses SET refused = 'VOIDED', cursor = ${NEXT_CURSOR} WHERE id = $1`, [id])).rowCount ?? 0) === 1,
  };
}

/**
 * Inserts a use once (by id, a unique constraint: of two units storing one id exactly one does);
 * undefined when that id is stored already. Its cursor is taken under the cursor lock.
 */
export async function insertUse(sql: Sql, use: NewUse, origin: UseOrigin): Promise<StoredUse | undefined> {
  // The batch insert's one row: one list of columns and values for both.
  return (await insertUses(sql, [{ use, origin }]))[0];
}

/** A use's columns as parallel arrays (unnest), in the order of USE_COLUMNS. */
const USE_COLUMNS = `id, terminal_id, audit_seq, site, decision_id, iss, sub, tier, service, beneficiary,
  at_ms, real_ms, received_ms, companions, companions_total, ticket, carried_from, refused, over_quota, card_nbf, card_exp`;
const USE_ARRAY_TYPES = ['text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'bigint', 'text', 'integer', 'text', 'text', 'text', 'boolean', 'bigint', 'bigint'];

const useValues = (use: NewUse, origin: UseOrigin): unknown[] => [
  use.id,
  origin.terminalId,
  origin.auditSeq,
  origin.site,
  use.decisionId,
  use.iss,
  use.sub,
  use.tier,
  use.service,
  use.beneficiary,
  use.atMs,
  use.realMs,
  origin.receivedMs,
  JSON.stringify(use.companions),
  use.companionsTotal,
  use.ticket,
  origin.carriedFrom,
  origin.refused,
  origin.refused === 'OVER_QUOTA',
  use.nbf ?? null,
  use.exp ?? null,
];

/**
 * Inserts uses in one statement: the cursor lock is taken once (a one-row join ahead of the rows),
 * then each row takes the next cursor in the order given (volatile expressions are computed after
 * the sort). An id stored already, or given twice, is skipped (ON CONFLICT).
 */
async function insertUses(sql: Sql, items: readonly { use: NewUse; origin: UseOrigin }[]): Promise<(StoredUse | undefined)[]> {
  if (items.length === 0) return [];
  // Each row's values once, then column by column (the arrays unnest takes). Inside the unit's card locks: kept linear.
  const values = items.map(({ use, origin }) => useValues(use, origin));
  const columns = USE_ARRAY_TYPES.map((_, c) => values.map((row) => row[c]));
  const arrays = USE_ARRAY_TYPES.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
  const found = await rows<{ id: string; cursor: number }>(
    sql,
    `INSERT INTO uses(cursor, ${USE_COLUMNS})
     SELECT nextval('use_cursor_seq'), r.c1, r.c2, r.c3, r.c4, r.c5, r.c6, r.c7, r.c8, r.c9, r.c10, r.c11, r.c12, r.c13, r.c14, r.c15, r.c16, r.c17, r.c18, r.c19, r.c20, r.c21
     FROM (SELECT pg_advisory_xact_lock(${CURSOR_LOCK[0]}, ${CURSOR_LOCK[1]})) AS cursor_lock
     CROSS JOIN unnest(${arrays}) WITH ORDINALITY AS r(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, ord)
     ORDER BY r.ord
     ON CONFLICT (id) DO NOTHING RETURNING id, cursor`,
    columns,
  );
  const cursors = new Map(found.map((r) => [r.id, r.cursor]));
  const seen = new Set<string>();
  return items.map(({ use, origin }) => {
    const cursor = cursors.get(use.id);
    // An id given twice is stored once: the first of them.
    if (cursor === undefined || seen.has(use.id)) return undefined;
    seen.add(use.id);
    const { id, decisionId, iss, sub, tier, service, beneficiary, atMs, realMs, companions, companionsTotal, ticket } = use;
    return { id, decisionId, iss, sub, tier, service, beneficiary, atMs, realMs, companionsTotal, ticket, ...origin, companions, cursor, overQuota: origin.refused === 'OVER_QUOTA' };
  });
}
