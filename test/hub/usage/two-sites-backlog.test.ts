import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { TWO_SITES_WINDOW_MS } from '../../../hub/usage/use-flags.js';
import { at, cleanupAfterEach, testClock, testHub } from '../hub-fixtures.js';

const T0 = at('2026-06-01T10:00:00+08:00');

/** Stores uses straight into the hub's table (a replayed backlog, as ingest would have left it). */
function storeUses(dataDir: string, uses: { id: string; sub: string; site: string; atMs: number; refused?: string }[]): void {
  const db = new Database(join(dataDir, HUB_DB_FILE));
  const insert = db.prepare(
    `INSERT INTO uses(id, terminal_id, audit_seq, site, decision_id, iss, sub, tier, service, beneficiary, at_ms, real_ms, received_ms, companions, companions_total, refused)
     VALUES (@id, 'T1', 1, @site, 'd', 'lc-hrss', @sub, 'A', 'gym', '', @atMs, @atMs, @atMs, '{}', 0, @refused)`,
  );
  db.transaction(() => {
    for (const u of uses) insert.run({ refused: null, ...u });
  })();
  db.close();
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

  it('answers in a few index steps however many uses one site holds in the window', async () => {
    const made = await testHub(testClock());
    later(made.cleanup);
    // 30,000 uses of 2 cards at one site, a second apart, and one at another site.
    storeUses(made.dataDir, [
      ...Array.from({ length: 30_000 }, (_, i) => ({ id: `u${i}`, sub: `C${i % 2}`, site: 'Gym A', atMs: T0 + i * 100 })),
      { id: 'elsewhere', sub: 'C0', site: 'Gym B', atMs: T0 + 1_500_000 },
    ]);
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 2000; i += 1) {
      const near = await made.hub.store.uses.nearestElsewhere({ iss: 'lc-hrss', sub: `C${i % 2}`, site: 'Gym A', atMs: T0 + i * 1000, windowMs: TWO_SITES_WINDOW_MS, excludeId: `u${i}` });
      if (near !== undefined) found += 1;
    }
    const ms = performance.now() - started;
    expect(found).toBe(1000);
    // Scanning the window's same-site uses took ~15 ms a call (30 s here); a few index steps take well under 1 ms.
    expect(ms).toBeLessThan(2000);
  });
});
