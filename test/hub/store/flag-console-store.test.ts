import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresHubStore } from '../../../hub/store/postgres/pg-hub-store.js';
import { openSqliteHubStore } from '../../../hub/store/sqlite/sqlite-hub-store.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { tempDir } from '../hub-fixtures.js';
import { flagConsoleContract } from './flag-console-contract.js';

// The console's flags (open, resolved once with a note) on both stores (as postgres-hub-store.test.ts sets them up).
let cluster: PgCluster;
const TEMPLATE = 'hub_template';
beforeAll(async () => {
  cluster = await startPgCluster();
  const made = await openPostgresHubStore(await cluster.createDatabase({ name: TEMPLATE }), { create: true });
  await made.close();
});
afterAll(async () => {
  await cluster?.stop();
});

flagConsoleContract('SQLite', () => {
  const { dir, cleanup } = tempDir('jinka-hub-store-');
  const store = openSqliteHubStore(join(dir, 'hub'), { create: true });
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      cleanup();
    },
  });
});
flagConsoleContract('PostgreSQL', async () => {
  const store = await openPostgresHubStore(await cluster.createDatabase({ template: TEMPLATE }));
  return { store, dispose: () => store.close() };
});
