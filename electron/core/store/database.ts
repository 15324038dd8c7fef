import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteFile, SqliteSchemaTooNewError } from './sqlite-file.js';

/** The one connection to the terminal's SQLite file. */
export type Db = Database.Database;

/** File name of the terminal database inside its data folder. */
export const DB_FILE = 'jinka.sqlite';

/** Raised when the data folder holds a database written by a newer Jinka. */
export class SchemaTooNewError extends SqliteSchemaTooNewError {}

/**
 * Opens (creating when missing) the terminal database in `dataDir`. WAL with
 * synchronous=FULL: a recorded use is on disk once its transaction returns (survives a power cut).
 */
export function openDatabase(dataDir: string): Db {
  return openSqliteFile(join(dataDir, DB_FILE), MIGRATIONS, { name: 'database', tooNew: SchemaTooNewError });
}
