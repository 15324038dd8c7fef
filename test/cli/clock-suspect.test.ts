import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonOf, secOf, shanghai, useProvisionedCli } from './run-jinka.js';

const DAY = 86_400_000;

describe('jinka verify and CLOCK_SUSPECT', () => {
  const { authority, cards, dataDir, run } = useProvisionedCli();
  const verifyGym = (...args: string[]) => {
    const verified = run('verify', cards.goldA, '--service', 'gym', '--json', ...args);
    return { code: verified.code, out: jsonOf(verified) as { decision: string; reasons: string[]; warnings: string[] } };
  };

  it('never counts an --at instant as seen, even for a use recorded far in the future', () => {
    const future = run('verify', cards.goldA, '--service', 'gym', '--at', shanghai(Date.now() + 365 * DAY), '--record', '--json');
    expect(future.code).toBe(0);
    expect(jsonOf(future)).toMatchObject({ decision: 'accept', recorded: true });

    const now = verifyGym();
    expect(now.code).toBe(0);
    expect(now.out.warnings).not.toContain('CLOCK_SUSPECT');
    const status = jsonOf(run('status', '--json')) as { clockSuspect: boolean; latestSeen: string };
    expect(status.clockSuspect).toBe(false);
    // What was seen is the real time of the recording, not the --at instant a year ahead.
    expect(status.latestSeen < shanghai(Date.now() + 60_000)).toBe(true);
  });

  it('warns CLOCK_SUSPECT after importing a bundle issued a day ahead of the real clock, whatever --at says', () => {
    const bundle = authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: secOf(Date.now() + DAY), revoked: [] });
    const file = join(dataDir(), 'ahead.jwt');
    writeFileSync(file, bundle);
    expect(run('import', file).code).toBe(0);

    const now = verifyGym();
    expect(now).toMatchObject({ code: 0, out: { decision: 'accept' } });
    expect(now.out.warnings).toContain('CLOCK_SUSPECT');
    // --at moves validity and quotas, not the clock guard.
    const later = verifyGym('--at', shanghai(Date.now() + 2 * DAY));
    expect(later.out.warnings).toContain('CLOCK_SUSPECT');
    expect(jsonOf(run('status', '--json'))).toMatchObject({ clockSuspect: true });
  });

  it('rejects with CLOCK_SUSPECT in group 6 when the site escalates it', () => {
    expect(run('settings', '--set', 'escalate=CLOCK_SUSPECT').code).toBe(0);
    const escalated = verifyGym();
    expect(escalated.code).toBe(1);
    expect(escalated.out).toMatchObject({ decision: 'reject', reasons: ['CLOCK_SUSPECT'] });
    expect(escalated.out.warnings).not.toContain('CLOCK_SUSPECT');
  });
});
