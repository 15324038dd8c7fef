import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** A data folder holds PIN hashes, the audit log and keys: its owner only. */
export const PRIVATE_FOLDER_MODE = 0o700;
/** The databases and their WAL and shared-memory files: read and written by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/** Why a data folder or its database was refused. */
export type DataFolderProblem =
  | 'not-a-folder'
  | 'no-folder'
  | 'no-database'
  | 'empty-database'
  | 'missing-database'
  | 'not-a-database'
  | 'not-empty'
  | 'read-only';

/** A data folder or database that must not be opened, or replaced by a fresh one; the message says what to do. */
export class DataFolderError extends Error {
  constructor(readonly problem: DataFolderProblem, message: string) {
    super(message);
  }
}

/** What is at `path`: nothing, a folder, an empty file, a file with content, or something else. */
export function fileState(path: string): 'missing' | 'folder' | 'empty' | 'file' | 'other' {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return 'missing';
    // A path through a file (file/sub) is not a folder either.
    if (code === 'ENOTDIR') return 'other';
    throw error;
  }
  if (stats.isDirectory()) return 'folder';
  if (!stats.isFile()) return 'other';
  return stats.size === 0 ? 'empty' : 'file';
}

const posix = process.platform !== 'win32';

/** Makes `dir` (and missing parents) with mode 0700 whatever the umask. */
export function makePrivateFolder(dir: string): void {
  const made = mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (made !== undefined && posix) chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Sets a file this program owns to 0600 when it is looser (the umask applies to open()); a file we may not change is left alone. */
export function tightenFile(path: string): void {
  if (!posix) return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
  } catch {
    // Missing (SQLite removed it meanwhile) or not ours: opening still works, and the folder warning covers the rest.
  }
}

/**
 * A one-line warning when other users may enter or read `dir` (an existing folder is never
 * changed behind its owner's back: it may hold other files), else undefined.
 */
export function looseFolderWarning(dir: string): string | undefined {
  if (!posix) return undefined;
  let mode: number;
  try {
    mode = statSync(dir).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `${dir} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): run chmod 700 ${dir}`;
}
