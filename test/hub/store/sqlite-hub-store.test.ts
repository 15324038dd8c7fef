import { join } from 'node:path';
import { openSqliteHubStore } from '../../../hub/store/sqlite/sqlite-hub-store.js';
import { tempDir } from '../hub-fixtures.js';
import { hubStoreContract } from './hub-store-contract.js';
import { staffStoreContract } from './staff-store-contract.js';
import { tokenIdContract } from './token-id-contract.js';

const sqliteFactory = () => {
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

hubStoreContract('SQLite', sqliteFactory);
staffStoreContract('SQLite', sqliteFactory);
tokenIdContract('SQLite', sqliteFactory);
