import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresHubStore } from '../../../hub/store/postgres/pg-hub-store.js';
import { openSqliteHubStore } from '../../../hub/store/sqlite/sqlite-hub-store.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { tempDir } from '../hub-fixtures.js';
import { cardConsoleContract } from './card-console-contract.js';
import { flagConsoleContract } from './flag-console-contract.js';

// The console's store contracts — card list and roster jobs; flags open and resolved once with a
// note — on both stores, one PostgreSQL cluster for both (as postgres-hub-store.test.ts sets them up).
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

const sqliteStore = () => {
  const { dir, cleanup } = tempDir('jinka-hub-store-');
  const store = openSqliteHubStore(join(dir, 'hub'), { create: true });
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      cleanup();
    },
  });
};
const postgresStore = async () => {
  const store = await openPostgresHubStore(await cluster.createDatabase({ template: TEMPLATE }));
  return { store, dispose: () => store.close() };
};

for (const contract of [cardConsoleContract, flagConsoleContract]) {
  contract('SQLite', sqliteStore);
  contract('PostgreSQL', postgresStore);
}
