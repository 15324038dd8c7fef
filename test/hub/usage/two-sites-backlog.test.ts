import { join } from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HUB_DB_FILE, type HubDb } from '../../../hub/store/sqlite/hub-database.js';
import { sqliteUseRepo } from '../../../hub/store/sqlite/sqlite-use-repo.js';
import { TWO_SITES_WINDOW_MS } from '../../../hub/usage/use-flags.js';
import { at, cleanupAfterEach, testClock, testHub } from '../hub-fixtures.js';

// Times are figures for the bench (test/bench/hub-bench.ts, backlog case), never asserted here:
// these tests pin down why the check is fast — the plan and the bound — which CI load cannot make flaky.

const T0 = at('2026-06-01T10:00:00+08:00');

interface Use {
  id: string;
  sub: string;
  site: string;
  atMs: number;
  refused?: string;
  carriedFrom?: string;
}

/** Stores uses straight into the hub's table (a replayed backlog, as ingest would have left it). */
function storeUses(dataDir: string, uses: Use[]): void {
  const db = new Database(join(dataDir, HUB_DB_FILE));
  const insert = db.prepare(
    `INSERT INTO uses(id, terminal_id, audit_seq, site, decision_id, iss, sub, tier, service, beneficiary, at_ms, real_ms, received_ms, companions, companions_total, refused, carried_from)
     VALUES (@id, 'T1', 1, @site, 'd', 'lc-hrss', @sub, 'A', 'gym', '', @atMs, @atMs, @atMs, '{}', 0, @refused, @carriedFrom)`,
  );
  db.transaction(() => {
    for (const u of uses) insert.run({ refused: null, carriedFrom: null, ...u });
  })();
  db.close();
}

/** What a statement ran: its SQL and the parameters it was given. */
interface Ran {
  sql: string;
  params: unknown[];
}

/**
 * The use repo on its own connection, with every statement it runs (and the parameters)
 * noted, so the test plans exactly the SQL `nearestElsewhere` executes, not a copy of it.
 */
function watchedRepo(dataDir: string): { db: HubDb; repo: ReturnType<typeof sqliteUseRepo>; ran: Ran[] } {
  const db = new Database(join(dataDir, HUB_DB_FILE));
  const ran: Ran[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql) as Statement<unknown[], unknown>;
    for (const method of ['get', 'all', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        ran.push({ sql, params });
        return original(...params);
      };
    }
    return statement;
  }) as typeof db.prepare;
  return { db, repo: sqliteUseRepo(db), ran };
}

/** `EXPLAIN QUERY PLAN` of what ran, one detail line each. */
function planOf(db: HubDb, ran: Ran): string[] {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${ran.sql}`)
    .all(...ran.params)
    .map((row) => row.detail);
}

describe('the two-site check under a replayed backlog', () => {
  const later = cleanupAfterEach();

  it('finds the earliest counting use of the card at another site within 30 minutes, and nothing else', async () => {
    const made = await testHub(testClock());
    later(made.cleanup);
    storeUses(made.dataDir, [
      { id: 'here', sub: 'C1', site: 'Gym A', atMs: T0 },
      { id: 'same-site', sub: 'C1', site: 'Gym A', atMs: T0 + 60_000 },
      { id: 'refused', sub: 'C1', site: 'Gym B', atMs: T0 + 2 * 60_000, refused: 'NOT_ENTITLED' },
      { id: 'other-card', sub: 'C2', site: 'Gym C', atMs: T0 + 3 * 60_000 },
      { id: 'too-late', sub: 'C1', site: 'Gym D', atMs: T0 + TWO_SITES_WINDOW_MS + 1 },
      { id: 'later', sub: 'C1', site: 'Gym E', atMs: T0 + 20 * 60_000 },
      { id: 'first', sub: 'C1', site: 'Gym F', atMs: T0 - 10 * 60_000 },
    ]);
    const q = { iss: 'lc-hrss', sub: 'C1', site: 'Gym A', atMs: T0, windowMs: TWO_SITES_WINDOW_MS, excludeId: 'here' };
    expect((await made.hub.store.uses.nearestElsewhere(q))?.id).toBe('first');
    expect(await made.hub.store.uses.nearestElsewhere({ ...q, sub: 'C3' })).toBeUndefined();
    expect(await made.hub.store.uses.nearestElsewhere({ ...q, atMs: T0 + 3 * TWO_SITES_WINDOW_MS })).toBeUndefined();
  });

  it('looks the card up by the (iss, sub, site, at_ms) index of migration 0004, never by scanning uses', async () => {
    const made = await testHub(testClock());
    later(made.cleanup);
    storeUses(made.dataDir, [
      ...Array.from({ length: 2000 }, (_, i) => ({ id: `u${i}`, sub: `C${i % 2}`, site: 'Gym A', atMs: T0 + i * 100 })),
      { id: 'elsewhere', sub: 'C0', site: 'Gym B', atMs: T0 + 60_000 },
    ]);
    const { db, repo, ran } = watchedRepo(made.dataDir);
    later(() => db.close());
    const found = await repo.nearestElsewhere({ iss: 'lc-hrss', sub: 'C0', site: 'Gym A', atMs: T0, windowMs: TWO_SITES_WINDOW_MS, excludeId: 'u0' });
    expect(found?.id).toBe('elsewhere');
    expect(ran).toHaveLength(1);
    const plan = planOf(db, ran[0] as Ran);
    const onUses = plan.filter((line) => /\b(uses|u)\b/.test(line) && /^(SEARCH|SCAN)/.test(line));
    expect(onUses.length).toBeGreaterThan(0);
    // No full scan of the table, nor of any index (a SCAN reads every row, a SEARCH a range).
    expect(plan.filter((line) => /^SCAN (uses|u)\b/.test(line))).toEqual([]);
    // Every read of uses is the new index (or the row by its cursor, for the one use returned).
    for (const line of onUses) expect(line).toMatch(/^SEARCH (uses|u) USING (COVERING INDEX uses_card_site_time \(|INDEX uses_card_site_time \(|INTEGER PRIMARY KEY \(rowid=\?\))/);
    // The window's uses at a site come in at_ms order straight from the index: its first row is taken, never a sorted window.
    expect(plan.some((line) => /uses_card_site_time \(iss=\? AND sub=\? AND site=\? AND at_ms>\? AND at_ms<\?\)/.test(line))).toBe(true);
  });

  it('returns one use, the earliest at another site in the window, however many of 30,000 uses match', async () => {
    const made = await testHub(testClock());
    later(made.cleanup);
    const window = (i: number) => T0 - TWO_SITES_WINDOW_MS + 10_000 + i * 100; // 30,000 × 100 ms lie within the hour around T0
    storeUses(made.dataDir, [
      // 30,000 matching uses of C0: another site, within the window, counting.
      ...Array.from({ length: 30_000 }, (_, i) => ({ id: `b${i}`, sub: 'C0', site: i % 2 === 0 ? 'Gym B' : 'Gym C', atMs: window(i) + 1000 })),
      // Earlier ones that must not be chosen: outside the window, refused, a carried copy, another card, the same site.
      { id: 'before-window', sub: 'C0', site: 'Gym D', atMs: T0 - TWO_SITES_WINDOW_MS },
      { id: 'refused', sub: 'C0', site: 'Gym D', atMs: window(0) + 100 },
      { id: 'carried', sub: 'C0', site: 'Gym D', atMs: window(0) + 200, carriedFrom: 'x' },
      { id: 'other-card', sub: 'C9', site: 'Gym D', atMs: window(0) + 300 },
      { id: 'same-site', sub: 'C0', site: 'Gym A', atMs: window(0) + 400 },
      { id: 'here', sub: 'C0', site: 'Gym A', atMs: T0 },
      { id: 'earliest', sub: 'C0', site: 'Gym E', atMs: window(0) + 500 },
    ].map((u) => (u.id === 'refused' ? { ...u, refused: 'NOT_ENTITLED' } : u)));
    const { db, repo, ran } = watchedRepo(made.dataDir);
    later(() => db.close());
    const q = { iss: 'lc-hrss', sub: 'C0', site: 'Gym A', atMs: T0, windowMs: TWO_SITES_WINDOW_MS, excludeId: 'here' };
    const found = await repo.nearestElsewhere(q);
    expect(found).toMatchObject({ id: 'earliest', site: 'Gym E', atMs: window(0) + 500 });
    // One statement, at most one row: the look-up is bounded by its LIMIT, not by the backlog.
    expect(ran).toHaveLength(1);
    const rows = db.prepare<unknown[], unknown>((ran[0] as Ran).sql).all(...(ran[0] as Ran).params);
    expect(rows).toHaveLength(1);
    // Without it, the earliest is the first of the 30,000.
    db.prepare("DELETE FROM uses WHERE id = 'earliest'").run();
    expect((await repo.nearestElsewhere(q))?.id).toBe('b0');
  });
});
