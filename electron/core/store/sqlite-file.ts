import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DataFolderError, fileState, makePrivateFolder, tightenFile, PRIVATE_FILE_MODE } from './data-folder.js';

/** Raised when a SQLite file's schema (user_version) is newer than the migrations this program knows. */
export class SqliteSchemaTooNewError extends Error {}

/** What openSqliteFile needs besides the path and the migrations. */
export interface SqliteFileOptions {
  /** What the file is, in messages ("database", "hub database"). */
  name: string;
  /** The error a too-new schema raises: the caller's own subclass, so its callers can tell it apart. */
  tooNew?: new (message: string) => SqliteSchemaTooNewError;
  /**
   * May make the folder (0700) and a fresh database (0600) when the folder holds none. Only
   * `init`-like paths pass it: any other open refuses a missing database rather than start from nothing.
   */
  create?: boolean;
  /** Opens without writing anything (no migration, no pragma that writes): a write-protected backup still opens. */
  readOnly?: boolean;
  /** Other files of this program in the folder: with one of them there and no database, the database was lost. */
  companions?: readonly string[];
  /** The command that makes a new one, for the message ("jinka init"). */
  initCommand: string;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const n = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses what must never be opened as, or replaced by, a fresh database: a folder that is a
 * file, a database emptied to 0 bytes, one missing where the folder shows there was one, and
 * (unless `create`) any folder without a database. Returns whether the file must be created.
 */
function checkBeforeOpen(path: string, options: SqliteFileOptions): boolean {
  const dir = dirname(path);
  const init = `${options.initCommand} --data-dir ${dir}`;
  const folder = fileState(dir);
  if (folder !== 'folder' && folder !== 'missing') throw new DataFolderError('not-a-folder', `${dir} is not a folder: give --data-dir the data folder`);
  const file = fileState(path);
  if (file === 'other') throw new DataFolderError('not-a-database', `${path} is not a file: restore the ${options.name} from a backup`);
  if (file === 'empty') {
    throw new DataFolderError('empty-database', `the ${options.name} ${path} is empty (0 bytes): restore it from a backup; a fresh one is never made in its place`);
  }
  if (file === 'file') {
    if (readHeader(path) !== SQLITE_HEADER) throw new DataFolderError('not-a-database', `${path} is not a SQLite database: restore the ${options.name} from a backup`);
    return false;
  }
  if (folder === 'missing') {
    if (options.create === true) return true;
    throw new DataFolderError('no-folder', `${dir} does not exist: check --data-dir (to make a new ${options.name} there: ${init})`);
  }
  const base = basename(path);
  const leftovers = [`${base}-wal`, `${base}-shm`, ...(options.companions ?? [])].filter((name) => existsSync(`${dir}/${name}`));
  if (leftovers.length > 0) {
    throw new DataFolderError(
      'missing-database',
      `the ${options.name} ${path} is missing but the folder still holds ${leftovers.join(', ')}: restore ${base} from a backup; nothing was created`,
    );
  }
  if (options.create === true) return true;
  throw new DataFolderError('no-database', `${dir} holds no ${options.name}: check --data-dir (to make a new one there: ${init})`);
}

/** A SQLite error met while opening, as a DataFolderError that says what to do; anything else unchanged. */
function openFailure(error: unknown, path: string, options: SqliteFileOptions): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM') {
    return new DataFolderError('read-only', `cannot write ${dirname(path)} (${code}): this command writes; check the owner and permissions of the data folder and its files`);
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new DataFolderError('not-a-database', `the ${options.name} ${path} is damaged (${code}): restore it from a backup`);
  }
  return error;
}

/**
 * A read-only connection. A WAL database in a folder nobody may write (a write-protected
 * backup) cannot make its shared-memory file; with no WAL file beside it, everything is in
 * the main file, so a private in-memory copy of it is read instead.
 */
function openReadOnly(path: string): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('user_version', { simple: true });
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    const code = String((error as { code?: unknown } | null)?.code);
    if (!(code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) || existsSync(`${path}-wal`)) throw error;
    const image = readFileSync(path);
    // File format bytes 18–19: 2 (WAL) cannot be read from memory; 1 is the same pages with a rollback journal.
    image[18] = 1;
    image[19] = 1;
    return new Database(image, { readonly: true });
  }
}

/**
 * Opens the SQLite file at `path`: busy_timeout 5 s, WAL with synchronous=FULL (a
 * transaction is on disk once it returns, and survives a power cut), foreign keys on, and the
 * `migrations` past the file's user_version applied in one IMMEDIATE transaction (entry i
 * brings version i to i + 1). Only `create` makes a missing folder (0700) and database
 * (0600); the WAL and shared-memory files SQLite makes take the database's mode, and files
 * found looser are tightened. A schema newer than `migrations` closes the file and throws
 * `options.tooNew`; a folder or file that must not be opened throws DataFolderError.
 */
export function openSqliteFile(path: string, migrations: readonly string[], options: SqliteFileOptions): Database.Database {
  const fresh = checkBeforeOpen(path, options);
  if (fresh) {
    makePrivateFolder(dirname(path));
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
    tightenFile(path);
  }
  let db: Database.Database;
  try {
    db = options.readOnly === true ? openReadOnly(path) : new Database(path, { fileMustExist: true });
  } catch (error) {
    throw openFailure(error, path, options);
  }
  try {
    return prepare(db, path, migrations, options);
  } catch (error) {
    db.close();
    throw openFailure(error, path, options);
  }
}

function prepare(db: Database.Database, path: string, migrations: readonly string[], options: SqliteFileOptions): Database.Database {
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    const TooNew = options.tooNew ?? SqliteSchemaTooNewError;
    throw new TooNew(`${options.name} schema ${current} is newer than this program (${migrations.length})`);
  }
  if (current === 0 && options.create !== true) {
    throw new DataFolderError('not-a-database', `${path} is not a Jinka ${options.name} (it has no schema): check --data-dir, or restore it from a backup`);
  }
  if (current === 0 && (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0) {
    throw new DataFolderError('not-a-database', `${path} is a SQLite file of another program: give --data-dir a folder of its own`);
  }
  if (options.readOnly === true) {
    if (current < migrations.length) {
      throw new DataFolderError('read-only', `the ${options.name} ${path} needs upgrading (schema ${current} of ${migrations.length}): run a command that writes once, with write access`);
    }
    return db;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  for (const file of [path, `${path}-wal`, `${path}-shm`]) tightenFile(file);
  if (current < migrations.length) {
    db.transaction(() => {
      for (let version = current; version < migrations.length; version += 1) db.exec(migrations[version] as string);
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  }
  return db;
}
