import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase, SchemaTooNewError } from '../../../electron/core/store/database.js';
import { openSqliteFile, SqliteSchemaTooNewError } from '../../../electron/core/store/sqlite-file.js';
import { HUB_DB_FILE, HubSchemaTooNewError, openHubDatabase } from '../../../hub/store/sqlite/hub-database.js';
import { tempDir } from '../../support/fixtures.js';

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
    const first = openSqliteFile(path, ['CREATE TABLE a(x)'], { name: 'test database' });
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('synchronous', { simple: true })).toBe(2);
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(first.pragma('user_version', { simple: true })).toBe(1);
    first.close();
    // Running migration 0 again would fail (table a exists): only migration 1 runs.
    const second = openSqliteFile(path, ['CREATE TABLE a(x)', 'CREATE TABLE b(y)'], { name: 'test database' });
    expect(second.pragma('user_version', { simple: true })).toBe(2);
    second.close();
  });

  it('applies nothing of a failing set of migrations', () => {
    const path = join(folder(), 'x.sqlite');
    expect(() => openSqliteFile(path, ['CREATE TABLE a(x)', 'NOT SQL'], { name: 'test database' })).toThrow();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a newer schema with the typed error and leaves the file as it was', () => {
    const path = join(folder(), 'x.sqlite');
    stampVersion(path, 3);
    expect(() => openSqliteFile(path, ['CREATE TABLE a(x)'], { name: 'test database' })).toThrow(
      new SqliteSchemaTooNewError('test database schema 3 is newer than this program (1)'),
    );
  });

  it('raises each program its own error for a newer schema', () => {
    const terminalDir = folder();
    stampVersion(join(terminalDir, DB_FILE), 99);
    expect(() => openDatabase(terminalDir)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(terminalDir)).toThrow(/^database schema 99 is newer than this program \(\d+\)$/);
    const hubDir = folder();
    stampVersion(join(hubDir, HUB_DB_FILE), 99);
    expect(() => openHubDatabase(hubDir)).toThrow(HubSchemaTooNewError);
    expect(() => openHubDatabase(hubDir)).toThrow(/^hub database schema 99 is newer than this program \(\d+\)$/);
  });
});
