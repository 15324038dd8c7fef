import Database from 'better-sqlite3';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase, SchemaTooNewError } from '../../../electron/core/store/database.js';
import { DataFolderError } from '../../../node/sqlite/data-folder.js';
import { openSqliteFile, SqliteSchemaTooNewError } from '../../../node/sqlite/sqlite-file.js';
import { HUB_DB_FILE, HubSchemaTooNewError, openHubDatabase } from '../../../hub/store/sqlite/hub-database.js';
import { tempDir } from '../../support/fixtures.js';

const OPTS = { name: 'test database', initCommand: 'test init', create: true } as const;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});
const folder = (): string => {
  const made = tempDir('jinka-sqlite-file-');
  cleanups.push(made.cleanup);
  return made.dir;
};

/** Sets a file's user_version from outside, as a newer program would leave it. */
const stampVersion = (path: string, version: number): void => {
  const db = new Database(path);
  db.pragma(`user_version = ${version}`);
  db.close();
};

describe('openSqliteFile', () => {
  it('creates the folder, sets the pragmas and applies only the migrations past user_version', () => {
    const path = join(folder(), 'nested', 'x.sqlite');
    const first = openSqliteFile(path, ['CREATE TABLE a(x)'], OPTS);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('synchronous', { simple: true })).toBe(2);
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(first.pragma('user_version', { simple: true })).toBe(1);
    first.close();
    // Running migration 0 again would fail (table a exists): only migration 1 runs.
    const second = openSqliteFile(path, ['CREATE TABLE a(x)', 'CREATE TABLE b(y)'], OPTS);
    expect(second.pragma('user_version', { simple: true })).toBe(2);
    second.close();
  });

  it('applies nothing of a failing set of migrations', () => {
    const path = join(folder(), 'x.sqlite');
    expect(() => openSqliteFile(path, ['CREATE TABLE a(x)', 'NOT SQL'], OPTS)).toThrow();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a newer schema with the typed error and leaves the file as it was', () => {
    const path = join(folder(), 'x.sqlite');
    stampVersion(path, 3);
    expect(() => openSqliteFile(path, ['CREATE TABLE a(x)'], OPTS)).toThrow(
      new SqliteSchemaTooNewError('test database schema 3 is newer than this program (1)'),
    );
  });

  it('raises each program its own error for a newer schema', () => {
    const terminalDir = folder();
    openDatabase(terminalDir, { create: true }).close();
    const hubDir = folder();
    openHubDatabase(hubDir, { create: true }).close();
    stampVersion(join(terminalDir, DB_FILE), 99);
    expect(() => openDatabase(terminalDir)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(terminalDir)).toThrow(/^database schema 99 is newer than this program \(\d+\)$/);
    stampVersion(join(hubDir, HUB_DB_FILE), 99);
    expect(() => openHubDatabase(hubDir)).toThrow(HubSchemaTooNewError);
    expect(() => openHubDatabase(hubDir)).toThrow(/^hub database schema 99 is newer than this program \(\d+\)$/);
  });
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('data folders and database files are private (issue 7)', () => {
  let umask: number;
  beforeEach(() => {
    // The usual umask would leave 0755 folders and 0644 files: the modes must not depend on it.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it.each([
    ['terminal', DB_FILE, (dir: string) => openDatabase(dir, { create: true })],
    ['hub', HUB_DB_FILE, (dir: string) => openHubDatabase(dir, { create: true })],
  ] as const)('creates the %s folder 0700 and its database, WAL and shared-memory files 0600', (_, file, open) => {
    const dir = join(folder(), 'data');
    const db = open(dir);
    try {
      db.prepare('CREATE TABLE IF NOT EXISTS t(x)').run();
      db.prepare('INSERT INTO t VALUES (1)').run();
      expect(modeOf(dir)).toBe(0o700);
      for (const name of [file, `${file}-wal`, `${file}-shm`]) expect([name, modeOf(join(dir, name))]).toEqual([name, 0o600]);
    } finally {
      db.close();
    }
  });

  it('tightens a database file and its WAL left world-readable, and leaves an existing folder as it is', () => {
    const dir = folder();
    openDatabase(dir, { create: true }).close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, DB_FILE), 0o644);
    const db = openDatabase(dir);
    try {
      expect(modeOf(join(dir, DB_FILE))).toBe(0o600);
      expect(modeOf(join(dir, `${DB_FILE}-shm`))).toBe(0o600);
      expect(modeOf(dir)).toBe(0o755);
    } finally {
      db.close();
    }
  });
});

describe('a database is never started from nothing by accident (issue 8)', () => {
  it('refuses a missing folder without creating it', () => {
    const dir = join(folder(), 'typo');
    expect(() => openDatabase(dir)).toThrow(DataFolderError);
    expect(() => openDatabase(dir)).toThrow(/does not exist: check --data-dir \(to make a new database there: jinka init --data-dir /);
    expect(existsSync(dir)).toBe(false);
    expect(() => openHubDatabase(dir)).toThrow(/jinka-hub init --data-dir/);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder that holds no database, and creates nothing in it', () => {
    const dir = folder();
    expect(() => openDatabase(dir)).toThrow(/holds no database/);
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
  });

  it('refuses a database emptied to 0 bytes, even to create, and leaves it empty', () => {
    const dir = folder();
    writeFileSync(join(dir, DB_FILE), '');
    expect(() => openDatabase(dir)).toThrow(/is empty \(0 bytes\): restore it from a backup/);
    expect(() => openDatabase(dir, { create: true })).toThrow(expect.objectContaining({ problem: 'empty-database' }) as Error);
    expect(statSync(join(dir, DB_FILE)).size).toBe(0);
  });

  it('refuses a missing database beside the terminal key (an enrolled terminal), even to create', () => {
    const dir = folder();
    writeFileSync(join(dir, 'terminal-key.pem'), 'key');
    expect(() => openDatabase(dir, { create: true })).toThrow(/is missing but the folder still holds terminal-key\.pem: restore jinka\.sqlite from a backup/);
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
  });

  it('refuses a missing database beside its WAL file', () => {
    const dir = folder();
    writeFileSync(join(dir, `${HUB_DB_FILE}-wal`), 'x');
    expect(() => openHubDatabase(dir, { create: true })).toThrow(/still holds jinka-hub\.sqlite-wal/);
  });

  it('refuses a data folder that is a file, a database that is not SQLite, and a SQLite file without our schema', () => {
    const dir = folder();
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ problem: 'not-a-folder' }) as Error);
    expect(() => openDatabase(join(file, 'sub'), { create: true })).toThrow(expect.objectContaining({ problem: 'not-a-folder' }) as Error);
    const junk = folder();
    writeFileSync(join(junk, DB_FILE), 'not sqlite at all, just some bytes');
    expect(() => openDatabase(junk)).toThrow(/is not a SQLite database/);
    const blank = folder();
    stampVersion(join(blank, DB_FILE), 0);
    expect(() => openDatabase(blank)).toThrow(/is not a Jinka database \(it has no schema\)/);
  });

  it('opens read-only without writing: no migration, and a write is refused', () => {
    const dir = folder();
    openDatabase(dir, { create: true }).close();
    const before = readFileSync(join(dir, DB_FILE));
    const db = openDatabase(dir, { readOnly: true });
    try {
      expect(() => db.prepare("INSERT INTO meta(key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/);
    } finally {
      db.close();
    }
    expect(readFileSync(join(dir, DB_FILE)).equals(before)).toBe(true);
  });
});
