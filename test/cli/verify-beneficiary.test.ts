import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/store/database.js';
import { expectFailed, jsonOf, shanghai, useProvisionedCli } from './run-jinka.js';

/** A valid-looking resident ID number (GB 11643 check character included) typed by mistake. */
const PARENT_ID = '11010519491231002X';

describe('jinka verify --beneficiary (Art. 22: which parent, never who)', () => {
  const { t, cards, dataDir, run } = useProvisionedCli();
  const eldercare = (beneficiary: string, ...args: string[]) =>
    run('verify', cards.goldA, '--service', 'eldercare', '--beneficiary', beneficiary, '--at', shanghai(t.atMs), '--json', ...args);

  it('refuses an ID number with exit 2 and one line that never repeats it, and writes nothing', async () => {
    for (const typed of [PARENT_ID, '110105 1949 1231 002X', 'E12345678']) {
      const refused = await eldercare(typed, '--record');
      expectFailed(refused, /--beneficiary takes father or mother .*not an ID number/);
      expect(refused.stderr).not.toContain('1101');
      expect(refused.stderr).not.toContain('12345678');
    }
    expect(jsonOf(await run('history', '--json'))).toEqual([]);
    // Nothing of it anywhere in the database file or its WAL.
    for (const file of [DB_FILE, `${DB_FILE}-wal`].map((f) => join(dataDir(), f)).filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(Buffer.from('110105')), file).toBe(false);
    }
  });

  it('refuses a name or any label other than a parent, with exit 2', async () => {
    expectFailed(await eldercare('王秀兰'), /--beneficiary takes father or mother/);
    expectFailed(await eldercare('parent-1'), /--beneficiary takes father or mother/);
  });

  it('stores father/mother whichever way it is written, and counts the monthly quota per parent', async () => {
    const first = await eldercare('父亲', '--record');
    expect(first.code).toBe(0);
    expect(jsonOf(first)).toMatchObject({ recorded: true, quota: { used: 0, remaining: 1 } });
    // The same parent written in English is the same parent: this month's claim is used.
    const again = jsonOf(await eldercare('Father'));
    expect(again).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'], quota: { used: 1, remaining: 0 } });
    // The other parent has a claim of their own.
    expect(jsonOf(await eldercare('母亲'))).toMatchObject({ decision: 'accept', quota: { used: 0, remaining: 1, total_used: 0 } });
    const csv = (await run('export')).stdout;
    expect(csv).toContain(',father,');
    expect(csv).not.toContain('父亲');
  });
});
