import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { DataFolderError, fileState, makePrivateFolder, tightenFile, PRIVATE_FILE_MODE } from './data-folder.js';
import { openReadOnly } from './sqlite-read-only.js';

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
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A new database is built under this name in its folder and linked into place only when whole. */
const draftPrefix = (base: string): string => `.${base}.new-`;

/**
 * Removes drafts that a creating process killed part-way left behind (its pid no longer runs).
 * A draft of a process still running is another `init` at work and is left alone.
 */
function removeDeadDrafts(dir: string, base: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(draftPrefix(base))) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(draftPrefix(base).length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ESRCH') rmSync(join(dir, name), { force: true });
    }
  }
}

function fsyncPath(path: string): void {
  // Windows cannot open a folder for fsync; some file systems refuse it. Best effort.
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The link is still in place; only its durability across a power cut is less certain.
  }
}

/**
 * Makes the folder (0700) and a whole database: migrated under a draft name in the folder,
 * fsynced, then hard-linked to `path`, which fails if `path` exists. A process killed
 * part-way leaves no database under the real name (never a 0-byte or half-migrated one), and
 * of several `init`s at once exactly one database wins; the others open it.
 */
function createWhole(path: string, migrations: readonly string[], options: SqliteFileOptions): void {
  const dir = dirname(path);
  try {
    makePrivateFolder(dir);
  } catch (error) {
    const code = String((error as { code?: unknown }).code);
    throw new DataFolderError('no-folder', `cannot make ${dir} (${code}): give --data-dir a folder that can be made, or make it first`);
  }
  const base = basename(path);
  removeDeadDrafts(dir, base);
  const draft = join(dir, `${draftPrefix(base)}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(draft, 'wx', PRIVATE_FILE_MODE));
    tightenFile(draft);
    const db = new Database(draft, { fileMustExist: true });
    try {
      prepare(db, draft, migrations, { ...options, readOnly: false });
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fsyncPath(draft);
    try {
      linkSync(draft, path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // EEXIST: another process made it first; its database is opened instead.
      if (code === 'EEXIST') return;
      // A file system without hard links (FAT): a rename, which replaces nothing that exists now.
      if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') && !existsSync(path)) renameSync(draft, path);
      else throw error;
    }
    fsyncPath(dir);
  } finally {
    for (const file of [draft, `${draft}-wal`, `${draft}-shm`, `${draft}-journal`]) rmSync(file, { force: true });
  }
}

function checkBeforeOpen(path: string, options: SqliteFileOptions): boolean {
  const dir = dirname(path);
  const init = `${options.initCommand} --data-dir ${dir}`;
  const folder = fileState(dir);
  if (folder !== 'folder' && folder !== 'missing') throw new DataFolderError('not-a-folder', `${dir} is not a folder: give --data-dir the data folder`);
  if (folder === 'missing' && isLink(dir)) {
    throw new DataFolderError('no-folder', `${dir} is a symbolic link to ${readlinkSync(dir)}, which does not exist: make that folder, or give --data-dir the real data folder`);
  }
  const file = fileState(path);
  if (file === 'folder') {
    throw new DataFolderError('not-a-database', `${path} is a folder where the ${options.name} should be: move it away and restore ${basename(path)} from a backup`);
  }
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
  if (options.create === true) {
    const foreign = readdirSync(dir).filter((name) => !name.startsWith(draftPrefix(base)));
    if (foreign.length > 0) {
      throw new DataFolderError('not-empty', `${dir} is not empty and holds no ${options.name}: choose an empty or new folder for --data-dir`);
    }
    return true;
  }
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
 * Opens the SQLite file at `path`: busy_timeout 5 s, WAL with synchronous=FULL (a
 * transaction is on disk once it returns, and survives a power cut), foreign keys on, and the
 * `migrations` past the file's user_version applied in one IMMEDIATE transaction (entry i
 * brings version i to i + 1). Only `create` makes a missing folder (0700) and database
 * (0600), whole or not at all (createWhole), in a new or empty folder only; the WAL and shared-memory files SQLite makes take the database's mode, and files
 * found looser are tightened. A schema newer than `migrations` closes the file and throws
 * `options.tooNew`; a folder or file that must not be opened throws DataFolderError.
 */
export function openSqliteFile(path: string, migrations: readonly string[], options: SqliteFileOptions): Database.Database {
  if (checkBeforeOpen(path, options)) createWhole(path, migrations, options);
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
  if (!Number.isSafeInteger(current) || current < 0) {
    throw new DataFolderError('not-a-database', `the ${options.name} ${path} is damaged (schema version ${current}): restore it from a backup`);
  }
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
