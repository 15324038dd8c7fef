import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHub } from '../../../hub/hub-init.js';
import { FEED_SQL } from '../../../hub/store/postgres/pg-use-repo.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { TEST_SEAL_COST } from '../hub-fixtures.js';

/**
 * The quota feed an idle terminal reads on every sync round (README "The hub on PostgreSQL",
 * the benchmark's idle sync) is answered through the (service, cursor) index on a table whose
 * statistics are missing — a hub just migrated, or just after a burst of uploads, before
 * autovacuum's first ANALYZE — not by scanning every use (which cost about 10 ms at 60,000 uses
 * on each idle round). The plan is asserted, not a time.
 */
let cluster: PgCluster;
let client: pg.Client;
let root: string;

beforeAll(async () => {
  cluster = await startPgCluster();
  const url = await cluster.createDatabase();
  root = mkdtempSync(join(tmpdir(), 'jinka-feed-plan-'));
  await (await initHub(join(root, 'unused'), 'feed plan passphrase', { databaseUrl: url, sealCost: TEST_SEAL_COST })).close();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  // No ANALYZE may run during the test: the statistics stay missing, as after a burst of uploads.
  await client.query('ALTER TABLE uses SET (autovacuum_enabled = false)');
  await client.query(
    `INSERT INTO uses (cursor, id, terminal_id, audit_seq, site, decision_id, iss, sub, tier, service, beneficiary, at_ms, real_ms, received_ms, companions, companions_total)
     SELECT n, 'u' || n, 'T' || (n % 50), n, 'site', 'd' || n, 'lc-hrss', 'LC-' || (n % 2000), 'A',
            (ARRAY['bus','gym','cinema','library','scenic'])[1 + n % 5], 'holder', n, n, n, '[]', 0
     FROM generate_series(1, 60000) AS n`,
  );
  await client.query(`PREPARE feed(bigint, text, text[], boolean, int) AS ${FEED_SQL}`);
}, 120_000);

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

const plan = async (): Promise<string> =>
  (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE feed(60000, 'T7', '{cinema}', false, 1001)`)).rows.map((r) => r['QUERY PLAN']).join('\n');

describe('the quota feed on PostgreSQL', () => {
  it('reads an idle terminal’s page through the (service, cursor) index with no statistics on the table', async () => {
    const [{ analyzed } = { analyzed: 'x' }] = (await client.query<{ analyzed: string | null }>(`SELECT last_analyze::text AS analyzed FROM pg_stat_user_tables WHERE relname = 'uses'`)).rows;
    expect(analyzed).toBeNull();
    const chosen = await plan();
    expect(chosen).toContain('uses_feed');
    expect(chosen).not.toMatch(/Seq Scan on uses\b/);
  });

  it('scanned every use without that index (why the index is there)', async () => {
    await client.query('BEGIN');
    try {
      await client.query('DROP INDEX uses_feed');
      await client.query('DEALLOCATE feed');
      await client.query(`PREPARE feed(bigint, text, text[], boolean, int) AS ${FEED_SQL}`);
      expect(await plan()).toMatch(/Seq Scan on uses\b/);
    } finally {
      await client.query('ROLLBACK');
      await client.query('DEALLOCATE feed');
      await client.query(`PREPARE feed(bigint, text, text[], boolean, int) AS ${FEED_SQL}`);
    }
  });
});
