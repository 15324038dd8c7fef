import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteFile, SqliteSchemaTooNewError } from '../../../node/sqlite/sqlite-file.js';
import { HUB_MIGRATIONS } from './migrations/index.js';

/** The one connection to the hub's SQLite file. */
export type HubDb = Database.Database;

/** File name of the hub database inside its data folder. */
export const HUB_DB_FILE = 'jinka-hub.sqlite';

/** Raised when the data folder holds a database written by a newer hub. */
export class HubSchemaTooNewError extends SqliteSchemaTooNewError {}

/**
 * Opens the hub database in `dataDir` (creating it, folder 0700 and file 0600, only with
 * `create`: `jinka-hub init`): WAL with synchronous=FULL, so an acknowledged upload or a
 * revocation is on disk when its call returns. A missing or emptied database is never replaced.
 * `readOnly` writes nothing at all (no migration, no pragma that writes).
 */
export function openHubDatabase(dataDir: string, options: { create?: boolean; readOnly?: boolean } = {}): HubDb {
  return openSqliteFile(join(dataDir, HUB_DB_FILE), HUB_MIGRATIONS, {
    name: 'hub database',
    tooNew: HubSchemaTooNewError,
    initCommand: 'jinka-hub init',
    create: options.create === true,
    // `audit verify` writes nothing, so a write-protected backup can be audited.
    readOnly: options.readOnly === true,
  });
}

/** Runs synchronous SQLite work behind the promise-returning port (a throw becomes a rejection). */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
