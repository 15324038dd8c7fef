import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './data-folder.js';

/** A serialized database image as an in-memory, read-only connection. */
function fromImage(image: Buffer): Database.Database {
  // File format bytes 18–19: 2 (WAL) cannot be read from memory; 1 is the same pages with a rollback journal.
  image[18] = 1;
  image[19] = 1;
  return new Database(image, { readonly: true });
}

/**
 * The database and its WAL file copied into a private temporary folder (0700, files 0600),
 * the WAL folded into the copy there, and the result read from memory; the copy is removed
 * before returning. The original files are only read.
 */
function viaPrivateCopy(path: string): Database.Database {
  const work = mkdtempSync(join(tmpdir(), 'jinka-read-'));
  try {
    const copy = join(work, basename(path));
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    for (const file of [copy, `${copy}-wal`]) chmodSync(file, PRIVATE_FILE_MODE);
    const db = new Database(copy, { fileMustExist: true });
    let image: Buffer;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      image = db.serialize();
    } finally {
      db.close();
    }
    return fromImage(image);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A read-only connection. A WAL database in a folder nobody may write (a write-protected
 * backup) cannot make its shared-memory file; it is then read from a private in-memory
 * image: of the main file alone when there is no WAL file (everything is in it), else of a
 * private copy of the file and its WAL (the newest transactions may be only in the WAL).
 */
export function openReadOnly(path: string): Database.Database {
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
    if (!(code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))) throw error;
    return existsSync(`${path}-wal`) ? viaPrivateCopy(path) : fromImage(readFileSync(path));
  }
}
