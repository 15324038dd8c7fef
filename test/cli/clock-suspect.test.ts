import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TerminalStores } from '../../electron/core/terminal-stores.js';
import { expectFailed, jsonOf, secOf, shanghai, useProvisionedCli } from './run-jinka.js';

const DAY = 86_400_000;

describe('jinka verify and CLOCK_SUSPECT', () => {
  const { authority, cards, dataDir, run } = useProvisionedCli();
  const verifyGym = async (...args: string[]) => {
    const verified = await run('verify', cards.goldA, '--service', 'gym', '--json', ...args);
    return { code: verified.code, out: jsonOf(verified) as { decision: string; reasons: string[]; warnings: string[] } };
  };

  it('never counts an --at instant as seen, even for a use recorded far in the future', async () => {
    const future = await run('verify', cards.goldA, '--service', 'gym', '--at', shanghai(Date.now() + 365 * DAY), '--record', '--json');
    expect(future.code).toBe(0);
    expect(jsonOf(future)).toMatchObject({ decision: 'accept', recorded: true });

    const now = await verifyGym();
    expect(now.code).toBe(0);
    expect(now.out.warnings).not.toContain('CLOCK_SUSPECT');
    const status = jsonOf(await run('status', '--json')) as { clockSuspect: boolean; latestSeen: string };
    expect(status.clockSuspect).toBe(false);
    // What was seen is the real time of the recording, not the --at instant a year ahead.
    expect(status.latestSeen < shanghai(Date.now() + 60_000)).toBe(true);
  });

  it('warns CLOCK_SUSPECT after importing a bundle issued a day ahead of the real clock, whatever --at says', async () => {
    const bundle = authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: secOf(Date.now() + DAY), revoked: [] });
    const file = join(dataDir(), 'ahead.jwt');
    writeFileSync(file, bundle);
    expect((await run('import', file)).code).toBe(0);

    const now = await verifyGym();
    expect(now).toMatchObject({ code: 0, out: { decision: 'accept' } });
    expect(now.out.warnings).toContain('CLOCK_SUSPECT');
    // --at moves validity and quotas, not the clock guard.
    const later = await verifyGym('--at', shanghai(Date.now() + 2 * DAY));
    expect(later.out.warnings).toContain('CLOCK_SUSPECT');
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ clockSuspect: true });
  });

  it('rejects with CLOCK_SUSPECT in group 6 when the site escalates it', async () => {
    expect((await run('settings', '--set', 'escalate=CLOCK_SUSPECT')).code).toBe(0);
    const escalated = await verifyGym();
    expect(escalated.code).toBe(1);
    expect(escalated.out).toMatchObject({ decision: 'reject', reasons: ['CLOCK_SUSPECT'] });
    expect(escalated.out.warnings).not.toContain('CLOCK_SUSPECT');
  });

  it('shows no negative list age with the clock behind a list, and names both causes when no hub can tell which is wrong', async () => {
    const status = jsonOf(await run('status', '--json')) as { clockHub: string; revocationLists: { ageHours: number }[] };
    expect(status.clockHub).toBe('unknown');
    expect(status.revocationLists.map((l) => l.ageHours >= 0)).toEqual([true, true]);
    const text = (await run('status')).stdout;
    expect(text).not.toMatch(/\(-\d/);
    expect(text).toMatch(/if the clock is wrong, correct it; if it is right .*jinka clock reset --reason/);
  });

  it('clock reset needs a reason, then clears CLOCK_SUSPECT (even escalated) and keeps the reason in the audit chain', async () => {
    expectFailed(await run('clock', 'reset'), /--reason is required/);
    expectFailed(await run('clock', 'reset', '--reason', '  '), /1 to 200 characters/);
    expectFailed(await run('clock', 'reset', '--reason', 'x'.repeat(201)), /1 to 200 characters/);
    // A line break or an escape code in the reason would forge lines in the audit log's readers.
    expectFailed(await run('clock', 'reset', '--reason', 'clock ok\nFAKE: approved'), /without line breaks or control characters/);
    expectFailed(await run('clock', 'reset', '--reason', '\u001b[2Jclock ok'), /without line breaks or control characters/);
    expectFailed(await run('clock', 'rewind', '--reason', 'why'), /usage: jinka clock reset/);
    expect((await verifyGym()).out.reasons).toEqual(['CLOCK_SUSPECT']);

    const reset = await run('clock', 'reset', '--reason', 'bundle dated a day ahead by the bureau', '--json');
    expect(reset.code).toBe(0);
    const out = jsonOf(reset) as { from: string; to: string };
    expect(out.from > out.to).toBe(true);
    expect(await verifyGym()).toMatchObject({ code: 0, out: { decision: 'accept', reasons: [], warnings: [] } });
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ clockSuspect: false });
    expect(jsonOf(await run('audit', 'verify', '--json'))).toMatchObject({ ok: true });
  });
});

describe('jinka status and the hub clock', () => {
  const { dataDir, run } = useProvisionedCli();
  /** Enrols in place with a hub measurement whose offset is `offsetMs` (hub minus this clock), and a latest-seen a day ahead. */
  const measured = (offsetMs: number) => {
    const stores = TerminalStores.open(dataDir());
    const now = Date.now();
    stores.sync.setEnrolment({ hubUrl: 'https://hub.example', terminalId: 'T-1', site: '东昌影城', service: 'cinema', enrolledMs: now });
    stores.sync.setHubClock({ offsetMs, hubTimeMs: now + offsetMs, localMs: now });
    stores.meta.noteSeen(now + DAY);
    stores.close();
  };

  it('never tells the operator to correct a clock the hub says is right', async () => {
    measured(-2_000);
    const status = jsonOf(await run('status', '--json')) as { clockSuspect: boolean; clockHub: string };
    expect(status).toMatchObject({ clockSuspect: true, clockHub: 'agrees' });
    const text = (await run('status')).stdout;
    expect(text).toMatch(/which this clock agrees with \(no need to correct it\)/);
    expect(text).not.toMatch(/correct the system clock|correct it;/);
  });

  it('refuses clock reset while the hub says this clock is wrong (behind or ahead), and says to set the clock right first', async () => {
    for (const offsetMs of [DAY, -DAY]) {
      measured(offsetMs);
      const reset = await run('clock', 'reset', '--reason', 'clock ok');
      expectFailed(reset, /set the system clock right first/);
      expect(jsonOf(await run('status', '--json'))).toMatchObject({ clockSuspect: true });
    }
    expect(jsonOf(await run('audit', 'verify', '--json'))).toMatchObject({ ok: true });
    const stores = TerminalStores.open(dataDir(), { readOnly: true });
    expect(stores.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'clock'").get()).toEqual({ n: 0 });
    stores.close();
  });

  it('allows clock reset when the hub agrees with this clock', async () => {
    measured(-2_000);
    expect((await run('clock', 'reset', '--reason', 'clock ran a day ahead')).code).toBe(0);
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ clockSuspect: false });
  });

  it('tells the operator to correct a clock the hub says is off, and gives the skew with the same sign in text and JSON', async () => {
    measured(-DAY);
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ clockSuspect: true, clockHub: 'disagrees' });
    expect((await run('status')).stdout).toMatch(/disagrees with the hub's: correct the system clock/);
    const sync = jsonOf(await run('sync', 'status', '--json')) as { hubClock: { skewSeconds: number } };
    expect(sync.hubClock.skewSeconds).toBe(86_400);
    expect((await run('sync', 'status')).stdout).toMatch(/this clock is 86400 s ahead/);
  });
});
