import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations/index.js';

/** The one connection to the terminal's SQLite file. */
export type Db = Database.Database;

/** File name of the terminal database inside its data folder. */
export const DB_FILE = 'jinka.sqlite';

/** Raised when the data folder holds a database written by a newer Jinka. */
export class SchemaTooNewError extends Error {}

/**
 * Opens (creating when missing) the terminal database in `dataDir`. WAL with
 * synchronous=FULL: a recorded use is on disk once its transaction returns (survives a power cut).
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new SchemaTooNewError(`database schema ${current} is newer than this program (${MIGRATIONS.length})`);
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version += 1) {
      db.exec(MIGRATIONS[version] as string);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
