import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/store/database.js';
import { makeAuthority } from '../support/fixtures.js';
import { cliCards, jinka, provisionedDataDir, shanghai, timeline } from './run-jinka.js';

describe('jinka with one damaged issuer_keys row', () => {
  const t = timeline();
  const authority = makeAuthority();
  const cards = cliCards(authority, t);
  let data: { dir: string; cleanup: () => void };
  let damagedKid = '';

  beforeAll(() => {
    data = provisionedDataDir(authority, t.listsIatMs);
    const db = new Database(join(data.dir, DB_FILE));
    const row = db.prepare<[], { iss: string; kid: string }>("SELECT iss, kid FROM issuer_keys WHERE iss = 'sd-hrss' ORDER BY kid LIMIT 1").get();
    if (row === undefined) throw new Error('no sd-hrss key');
    damagedKid = row.kid;
    db.prepare("UPDATE issuer_keys SET jwk = '{\"kty\":\"EC\",\"crv\":' WHERE iss = ? AND kid = ?").run(row.iss, row.kid);
    db.close();
  });
  afterAll(() => data.cleanup());
  const run = (...args: string[]) => jinka([...args, '--data-dir', data.dir]);

  it('opens for status, export, audit verify and verify, and names the damaged row in one line', async () => {
    for (const args of [['status'], ['export'], ['audit', 'verify'], ['history']]) {
      const done = await run(...args);
      expect(done.code, args.join(' ')).toBe(0);
      const lines = done.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^jinka: warning: .*sd-hrss.*${damagedKid}.*damaged`));
    }
    // The other issuer's keys still verify cards.
    expect((await run('verify', cards.goldA, '--service', 'gym', '--at', shanghai(t.atMs))).code).toBe(0);
  });
});
