import { afterAll, beforeAll } from 'vitest';
import { openPostgresHubStore } from '../../../hub/store/postgres/pg-hub-store.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { hubStoreContract } from './hub-store-contract.js';
import { staffStoreContract } from './staff-store-contract.js';
import { tokenIdContract } from './token-id-contract.js';

// One private cluster for the file (test/support/pg-cluster.ts); each case gets a fresh copy of
// a database `init` migrated once (copying a template is cheaper than migrating again).
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

const pgFactory = async () => {
  const store = await openPostgresHubStore(await cluster.createDatabase({ template: TEMPLATE }));
  return { store, dispose: () => store.close() };
};

hubStoreContract('PostgreSQL', pgFactory);
staffStoreContract('PostgreSQL', pgFactory);
tokenIdContract('PostgreSQL', pgFactory);
