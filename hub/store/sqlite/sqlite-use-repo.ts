import type { Statement } from 'better-sqlite3';
import type { CountingUse, NewUse, StoredUse, UseOrigin, UseRepo } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { useFromRow, type UseRow } from '../store-rows.js';

/** A row of the hub's `uses` table as SQLite answers it, `over_quota` 0/1 (the integrity check reads the same rows). */
export type SqliteUseRow = Omit<UseRow, 'over_quota'> & { over_quota: number };

/** Reads a use row. */
const useFromSqliteRow = (r: SqliteUseRow): StoredUse => useFromRow({ ...r, over_quota: r.over_quota === 1 });

const INSERT_USE = `INSERT OR IGNORE INTO uses(id, terminal_id, audit_seq, site, decision_id, iss, sub, tier, service, beneficiary,
  at_ms, real_ms, received_ms, companions, companions_total, ticket, carried_from, refused, over_quota, card_nbf, card_exp)
  VALUES (@id, @terminalId, @auditSeq, @site, @decisionId, @iss, @sub, @tier, @service, @beneficiary,
  @atMs, @realMs, @receivedMs, @companions, @companionsTotal, @ticket, @carriedFrom, @refused, @overQuota, @cardNbf, @cardExp)`;

/** Prepared statements per connection, prepared once (a prepare costs more than the insert). */
const statements = new WeakMap<HubDb, { insert: Statement<Record<string, unknown>>; ofCard: Statement<[string, string], SqliteUseRow> }>();
function prepared(db: HubDb) {
  let s = statements.get(db);
  if (s === undefined) {
    s = { insert: db.prepare<Record<string, unknown>>(INSERT_USE), ofCard: db.prepare<[string, string], SqliteUseRow>('SELECT * FROM uses WHERE iss = ? AND sub = ? ORDER BY cursor') };
    statements.set(db, s);
  }
  return s;
}

/** Inserts a use once (by id); undefined when that id is already stored. */
function insertUse(db: HubDb, use: NewUse, origin: UseOrigin): StoredUse | undefined {
  const { id, decisionId, iss, sub, tier, service, beneficiary, atMs, realMs, companions, companionsTotal, ticket } = use;
  const fields = { id, decisionId, iss, sub, tier, service, beneficiary, atMs, realMs, companionsTotal, ticket, ...origin };
  const overQuota = origin.refused === 'OVER_QUOTA';
  const validity = { cardNbf: use.nbf ?? null, cardExp: use.exp ?? null };
  const result = prepared(db).insert.run({ ...fields, ...validity, companions: JSON.stringify(companions), overQuota: overQuota ? 1 : 0 });
  if (result.changes === 0) return undefined;
  return { ...fields, companions, cursor: Number(result.lastInsertRowid), overQuota };
}

const DAY_EXPR = "strftime('%Y-%m-%d', (at_ms + 28800000) / 1000, 'unixepoch')";
const RANGE = 'carried_from IS NULL AND refused IS NULL AND at_ms >= @from AND at_ms < @to';
const range = (r: { fromMs?: number; toMs?: number }) => ({ from: r.fromMs ?? Number.MIN_SAFE_INTEGER, to: r.toMs ?? Number.MAX_SAFE_INTEGER });

/** Uses on SQLite. */
export function sqliteUseRepo(db: HubDb): UseRepo {
  // Walks the card's sites by the (iss, sub, site, at_ms) index (migration 0004), then takes at most one use per
  // other site in the window: a backlog of thousands of uses at one site is never scanned.
  const nearest = db.prepare<{ iss: string; sub: string; site: string; from: number; to: number; exclude: string }, SqliteUseRow>(
    `WITH RECURSIVE sites(site) AS (
       SELECT (SELECT MIN(site) FROM uses WHERE iss = @iss AND sub = @sub)
       UNION ALL
       SELECT (SELECT MIN(site) FROM uses WHERE iss = @iss AND sub = @sub AND site > sites.site) FROM sites WHERE sites.site IS NOT NULL
     )
     SELECT u.* FROM sites JOIN uses u ON u.cursor = (
       SELECT cursor FROM uses WHERE iss = @iss AND sub = @sub AND site = sites.site AND at_ms > @from AND at_ms < @to
         AND id != @exclude AND carried_from IS NULL AND refused IS NULL ORDER BY at_ms LIMIT 1
     )
     WHERE sites.site IS NOT NULL AND sites.site != @site
     ORDER BY u.at_ms LIMIT 1`,
  );
  // A voided use moved to a new cursor when it was voided (hub/usage/use-voids.ts): readers that ask for voids meet it again there.
  const feed = db.prepare<[number, string, string, number, number], SqliteUseRow>(
    `SELECT * FROM uses WHERE cursor > ? AND (terminal_id IS NULL OR terminal_id != ?)
     AND service IN (SELECT value FROM json_each(?)) AND (refused IS NULL OR (? = 1 AND refused = 'VOIDED')) ORDER BY cursor LIMIT ?`,
  );
  const maxCursor = db.prepare<[], { c: number | null }>('SELECT MAX(cursor) AS c FROM uses');
  const getUse = db.prepare<[string], SqliteUseRow>('SELECT * FROM uses WHERE id = ?');
  const copies = db.prepare<[string], SqliteUseRow>('SELECT * FROM uses WHERE carried_from = ? ORDER BY cursor');
  // The next cursor, as an insert takes one (the rowid above the largest).
  const markVoided = db.prepare<[string]>("UPDATE uses SET refused = 'VOIDED', cursor = (SELECT MAX(cursor) FROM uses) + 1 WHERE id = ?");
  const history = db.prepare<[string, string], { cursor: number; id: string; iss: string; sub: string; service: string; beneficiary: string; at_ms: number; card_nbf: number | null }>(
    'SELECT cursor, id, iss, sub, service, beneficiary, at_ms, card_nbf FROM uses WHERE iss = ? AND sub = ? AND refused IS NULL',
  );
  const nearestRow = (q: { iss: string; sub: string; site: string; atMs: number; windowMs: number; excludeId: string }): StoredUse | undefined => {
    const row = nearest.get({ iss: q.iss, sub: q.sub, site: q.site, from: q.atMs - q.windowMs, to: q.atMs + q.windowMs, exclude: q.excludeId });
    return row === undefined ? undefined : useFromSqliteRow(row);
  };
  const feedPage = db.transaction((afterCursor: number, excludeTerminal: string, services: string[], limit: number, voided: boolean) => {
    const rows = feed.all(afterCursor, excludeTerminal, JSON.stringify(services), voided ? 1 : 0, limit + 1).map(useFromSqliteRow);
    const more = rows.length > limit;
    const uses = more ? rows.slice(0, limit) : rows;
    // With nothing more to send, the cursor moves past the caller's own uses too.
    const cursor = more ? (uses[uses.length - 1] as StoredUse).cursor : Math.max(afterCursor, maxCursor.get()?.c ?? 0);
    return { uses, cursor, more };
  });

  return {
    nearestElsewhere: (q) => settle(() => nearestRow(q)),
    // In-process statements cost no round trip: the batch methods are loops over the one-row ones.
    nearestElsewhereMany: (qs) => settle(() => qs.map(nearestRow)),
    feed: (q) => settle(() => feedPage.deferred(q.afterCursor, q.excludeTerminal, q.services, q.limit, q.voided === true)),
    usageRows: (r) =>
      settle(() =>
        db
          .prepare<Record<string, number>, { day: string; site: string; service: string; tier: string; uses: number; companions: number }>(
            `SELECT ${DAY_EXPR} AS day, site, service, tier, COUNT(*) AS uses, SUM(companions_total) AS companions
             FROM uses WHERE ${RANGE} GROUP BY day, site, service, tier ORDER BY day, site, service, tier`,
          )
          .all(range(r)),
      ),
    companionsByRelation: (r) =>
      settle(() => {
        const rows = db
          .prepare<Record<string, number>, { relation: string; n: number }>(
            `SELECT j.key AS relation, SUM(j.value) AS n FROM uses, json_each(uses.companions) AS j WHERE ${RANGE} GROUP BY j.key ORDER BY j.key`,
          )
          .all(range(r));
        return Object.fromEntries(rows.map((row) => [row.relation, row.n]));
      }),
    voidedCount: (r) =>
      settle(
        () =>
          db
            .prepare<Record<string, number>, { n: number }>(
              "SELECT COUNT(*) AS n FROM uses WHERE carried_from IS NULL AND refused = 'VOIDED' AND at_ms >= @from AND at_ms < @to",
            )
            .get(range(r))?.n ?? 0,
      ),
    count: () => settle(() => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM uses WHERE carried_from IS NULL').get()?.n ?? 0),
    insert: (use, origin) => settle(() => insertUse(db, use, origin)),
    insertMany: (items) => settle(() => items.map(({ use, origin }) => insertUse(db, use, origin))),
    storedIds: (ids) => settle(() => ids.filter((id) => getUse.get(id) !== undefined)),
    ofCard: (iss, sub) => settle(() => prepared(db).ofCard.all(iss, sub).map(useFromSqliteRow)),
    get: (id) => settle(() => {
      const row = getUse.get(id);
      return row && useFromSqliteRow(row);
    }),
    copiesOf: (id) => settle(() => copies.all(id).map(useFromSqliteRow)),
    markVoided: (id) => settle(() => markVoided.run(id).changes === 1),
    // One unit at a time on SQLite: nothing else can judge the card meanwhile.
    lockCards: () => Promise.resolve(),
    countingHistory: (cards) =>
      settle(() => {
        const keys = new Map(cards.map((c) => [JSON.stringify([c.iss, c.sub]), c]));
        return [...keys.values()]
          .flatMap((c) => history.all(c.iss, c.sub))
          .sort((a, b) => a.cursor - b.cursor)
          .map((r): CountingUse => ({ cursor: r.cursor, id: r.id, iss: r.iss, sub: r.sub, service: r.service, beneficiary: r.beneficiary, atMs: r.at_ms, cardNbf: r.card_nbf }));
      }),
  };
}
