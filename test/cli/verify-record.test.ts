import { beforeAll, describe, expect, it } from 'vitest';
import { TerminalStores } from '../../electron/core/terminal-stores.js';
import { expectFailed, jsonOf, shanghai, useProvisionedCli } from './run-jinka.js';

describe('jinka verify --record', () => {
  const { t, cards, run } = useProvisionedCli();
  const auditEntries = async () => (jsonOf(await run('audit', 'verify', '--json')) as { entries: number }).entries;

  it('writes nothing without --record: no history, no use, no audit entry', async () => {
    const entries = await auditEntries();
    for (let i = 0; i < 2; i += 1) {
      const verified = await run('verify', cards.goldA, '--service', 'cinema', '--json');
      expect(verified.code).toBe(0);
      expect(jsonOf(verified)).toMatchObject({ quota: { used: 0, remaining: 12 }, recorded: false });
    }
    expect(jsonOf(await run('history', '--json'))).toEqual([]);
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ usageRecorded: 0 });
    expect(await auditEntries()).toBe(entries);
  });

  it('records the use of an accept, so the next verify counts it', async () => {
    const recorded = await run('verify', cards.goldA, '--service', 'cinema', '--record', '--json');
    expect(recorded.code).toBe(0);
    const out = jsonOf(recorded);
    expect(out).toMatchObject({ decision: 'accept', quota: { used: 0, remaining: 12 }, recorded: true });
    expect(out.use_id).toEqual(expect.any(String));
    expect(out.decision_id).toEqual(expect.any(String));

    const next = jsonOf(await run('verify', cards.goldA, '--service', 'cinema', '--json'));
    expect(next).toMatchObject({ decision: 'accept', quota: { used: 1, remaining: 11 } });
    expect(next.warnings).toEqual(['DUPLICATE']);

    const history = jsonOf(await run('history', '--json')) as unknown as { id: string; decision: string; recorded: boolean; service: string; card: string }[];
    expect(history).toEqual([expect.objectContaining({ id: out.decision_id, decision: 'accept', recorded: true, service: 'cinema', card: 'lc-hrss/LC-A-000123' })]);
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ usageRecorded: 1 });
  });

  it('keeps a rejected decision in the history but records no use (exit 1)', async () => {
    const rejected = await run('verify', cards.goldC, '--service', 'tax', '--record', '--json');
    expect(rejected.code).toBe(1);
    expect(jsonOf(rejected)).toMatchObject({ reasons: ['NOT_ENTITLED'], recorded: false });
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ usageRecorded: 1 });
    const [newest] = jsonOf(await run('history', '--json')) as unknown as { decision: string; reason: string; recorded: boolean }[];
    expect(newest).toMatchObject({ decision: 'reject', reason: 'NOT_ENTITLED', recorded: false });
  });

  it('stamps a use recorded with --at at that instant', async () => {
    const at = t.atMs - 86_400_000;
    const recorded = jsonOf(await run('verify', cards.goldA, '--service', 'library', '--at', shanghai(at), '--record', '--json'));
    expect(recorded).toMatchObject({ decision: 'accept', recorded: true });
    // Art. 21: the library card is once per card, whenever it is scanned again.
    const again = await run('verify', cards.goldA, '--service', 'library', '--json');
    expect(again.code).toBe(1);
    expect(jsonOf(again)).toMatchObject({ reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 1, used: 1, remaining: 0 } });
    // DUPLICATE looks back 10 minutes from the evaluation instant: it sees the use just after its stamp, not before it, nor now.
    const warningsAt = async (ms: number) => jsonOf(await run('verify', cards.goldA, '--service', 'library', '--at', shanghai(ms), '--json')).warnings;
    expect(await warningsAt(at + 5 * 60_000)).toEqual(['DUPLICATE']);
    expect(await warningsAt(at - 5 * 60_000)).toEqual([]);
    expect(again.stdout).not.toContain('DUPLICATE');
  });
});

describe('jinka verify --record --at on a terminal enrolled at a hub (§7)', () => {
  const { cards, dataDir, run } = useProvisionedCli();
  const auditEntries = async () => (jsonOf(await run('audit', 'verify', '--json')) as { entries: number }).entries;
  beforeAll(() => {
    const stores = TerminalStores.open(dataDir());
    stores.sync.setEnrolment({ hubUrl: 'https://hub.example', terminalId: 'T-CINEMA', site: '东昌影城', service: 'cinema', enrolledMs: Date.now() });
    stores.close();
  });

  it('refuses to back- or forward-date a use beyond the clock tolerance, writing nothing (exit 2)', async () => {
    const entries = await auditEntries();
    for (const offsetMs of [-2 * 86_400_000, 365 * 86_400_000, -5 * 60_000]) {
      const refused = await run('verify', cards.goldA, '--service', 'cinema', '--at', shanghai(Date.now() + offsetMs), '--record', '--json');
      expectFailed(refused, /--at is .* (ahead of|behind) the real clock.*enrolled/);
    }
    expect(await auditEntries()).toBe(entries);
    expect(jsonOf(await run('history', '--json'))).toEqual([]);
    expect(jsonOf(await run('status', '--json'))).toMatchObject({ usageRecorded: 0 });
  });

  it('still evaluates any --at without --record, and records at an --at within the tolerance', async () => {
    const past = await run('verify', cards.goldA, '--service', 'cinema', '--at', shanghai(Date.now() - 2 * 86_400_000), '--json');
    expect(past.code).toBe(0);
    expect(jsonOf(past)).toMatchObject({ decision: 'accept', recorded: false });
    const near = await run('verify', cards.goldA, '--service', 'cinema', '--at', shanghai(Date.now() - 20_000), '--record', '--json');
    expect(near.code).toBe(0);
    expect(jsonOf(near)).toMatchObject({ decision: 'accept', recorded: true });
  });
});
