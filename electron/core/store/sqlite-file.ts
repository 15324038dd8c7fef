import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Raised when a SQLite file's schema (user_version) is newer than the migrations this program knows. */
export class SqliteSchemaTooNewError extends Error {}

/** What openSqliteFile needs besides the path and the migrations. */
export interface SqliteFileOptions {
  /** What the file is, in the too-new message ("database", "hub database"). */
  name: string;
  /** The error a too-new schema raises: the caller's own subclass, so its callers can tell it apart. */
  tooNew?: new (message: string) => SqliteSchemaTooNewError;
}

/**
 * Opens (creating it and its folder when missing) the SQLite file at `path`: busy_timeout 5 s,
 * WAL with synchronous=FULL (a transaction is on disk once it returns, and survives a power
 * cut), foreign keys on, and the `migrations` past the file's user_version applied in one
 * IMMEDIATE transaction (entry i brings version i to i + 1). A schema newer than `migrations`
 * closes the file and throws `options.tooNew`.
 */
export function openSqliteFile(path: string, migrations: readonly string[], options: SqliteFileOptions): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    db.close();
    const TooNew = options.tooNew ?? SqliteSchemaTooNewError;
    throw new TooNew(`${options.name} schema ${current} is newer than this program (${migrations.length})`);
  }
  if (current < migrations.length) {
    db.transaction(() => {
      for (let version = current; version < migrations.length; version += 1) db.exec(migrations[version] as string);
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  }
  return db;
}
