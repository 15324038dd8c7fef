import type { HubStore } from './hub-store.js';
import { isPostgresUrl } from './postgres/pg-database.js';
import { openPostgresHubStore } from './postgres/pg-hub-store.js';
import { openSqliteHubStore } from './sqlite/sqlite-hub-store.js';

/** A --database value (or JINKA_HUB_DATABASE) that is not a PostgreSQL connection string. */
export class HubDatabaseUrlError extends Error {}

/**
 * Opens the hub's store (README "The hub on PostgreSQL"): with `databaseUrl` (postgres://…, from
 * --database or JINKA_HUB_DATABASE) the PostgreSQL database it names, migrated to this program's
 * schema; without it, the SQLite file in `dataDir` as always. `create` is `jinka-hub init`: it
 * may make the SQLite file, or the schema in an empty PostgreSQL database.
 */
export async function openHubStore(dataDir: string, databaseUrl?: string, options: { create?: boolean } = {}): Promise<HubStore> {
  if (databaseUrl === undefined || databaseUrl === '') return openSqliteHubStore(dataDir, options);
  // Never echo the value: a connection string may carry a password.
  if (!isPostgresUrl(databaseUrl)) throw new HubDatabaseUrlError('--database (or JINKA_HUB_DATABASE) must be a postgres:// or postgresql:// connection string');
  return openPostgresHubStore(databaseUrl, options);
}
