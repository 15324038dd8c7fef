import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations/index.js';
import { openSqliteFile, SqliteSchemaTooNewError } from '../../../node/sqlite/sqlite-file.js';

/** The one connection to the terminal's SQLite file. */
export type Db = Database.Database;

/** File name of the terminal database inside its data folder. */
export const DB_FILE = 'jinka.sqlite';
/** The terminal's own private key (PKCS#8 PEM, mode 0600) in its data folder (electron/core/sync/terminal-key.ts). It never leaves the terminal. */
export const TERMINAL_KEY_FILE = 'terminal-key.pem';
/** The key made for an enrolment the hub has not accepted yet. */
export const PENDING_KEY_FILE = 'terminal-key.pending.pem';

/**
 * Files a terminal keeps beside its database: with one of them there
 * and no database, the database was lost, and a fresh one would say "not enrolled".
 */
const TERMINAL_COMPANIONS = [TERMINAL_KEY_FILE, PENDING_KEY_FILE] as const;

/** Raised when the data folder holds a database written by a newer Jinka. */
export class SchemaTooNewError extends SqliteSchemaTooNewError {}

/** How a terminal database is opened: only `init`, first provisioning and the demo create one. */
export interface OpenDatabaseOptions {
  create?: boolean;
  readOnly?: boolean;
}

/**
 * Opens the terminal database in `dataDir` (creating it only with `create`). WAL with
 * synchronous=FULL: a recorded use is on disk once its transaction returns (survives a power cut).
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Db {
  return openSqliteFile(join(dataDir, DB_FILE), MIGRATIONS, {
    name: 'database',
    tooNew: SchemaTooNewError,
    companions: TERMINAL_COMPANIONS,
    initCommand: 'jinka init',
    ...options,
  });
}
