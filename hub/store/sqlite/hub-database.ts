import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_MIGRATIONS } from './migrations/index.js';

/** The one connection to the hub's SQLite file. */
export type HubDb = Database.Database;

/** File name of the hub database inside its data folder. */
export const HUB_DB_FILE = 'jinka-hub.sqlite';

/** Raised when the data folder holds a database written by a newer hub. */
export class HubSchemaTooNewError extends Error {}

/**
 * Opens (creating when missing) the hub database in `dataDir`: WAL with synchronous=FULL,
 * so an acknowledged upload or a revocation is on disk when its call returns.
 */
export function openHubDatabase(dataDir: string): HubDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, HUB_DB_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > HUB_MIGRATIONS.length) {
    db.close();
    throw new HubSchemaTooNewError(`hub database schema ${current} is newer than this program (${HUB_MIGRATIONS.length})`);
  }
  if (current < HUB_MIGRATIONS.length) {
    db.transaction(() => {
      for (let version = current; version < HUB_MIGRATIONS.length; version += 1) db.exec(HUB_MIGRATIONS[version] as string);
      db.pragma(`user_version = ${HUB_MIGRATIONS.length}`);
    }).immediate();
  }
  return db;
}

/** Runs synchronous SQLite work behind the promise-returning port (a throw becomes a rejection). */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
