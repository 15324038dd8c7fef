import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.js';
import { expectFailed, jinka, jsonOf, shanghai, useProvisionedCli } from './run-jinka.js';

const GOLD_A_CARD = { iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: 2, name: '张*明', idt: '1234' };
const DECISION_KEYS = ['card', 'decision', 'quota', 'reasons', 'service', 'warnings'];

describe('jinka verify', () => {
  const { t, cards, dataDir, run: runInDataDir } = useProvisionedCli();

  const verify = (token: string, ...args: string[]) => runInDataDir('verify', token, ...args);
  const verifyJson = async (token: string, ...args: string[]) => {
    const run = await verify(token, '--json', ...args);
    return { code: run.code, out: jsonOf(run) };
  };

  it('prints exactly the §7 object for an accept and exits 0', async () => {
    const { code, out } = await verifyJson(cards.goldA, '--service', 'cinema', '--at', shanghai(t.atMs));
    expect(code).toBe(0);
    // §7's six fields, plus `recorded` (a compatible extension: was the use written).
    expect(Object.keys(out).sort()).toEqual([...DECISION_KEYS, 'recorded'].sort());
    expect(out).toEqual({
      decision: 'accept',
      reasons: [],
      warnings: [],
      service: 'cinema',
      card: GOLD_A_CARD,
      quota: { limit: 12, used: 0, remaining: 12, period_end: t.firstCardYearEnd },
      recorded: false,
    });
  });

  it('prints the §7 object for a reject and exits 1: card once the signature verified, quota null before group 9', async () => {
    const notEntitled = await verifyJson(cards.goldC, '--service', 'cinema', '--at', shanghai(t.atMs));
    expect(notEntitled.code).toBe(1);
    expect(notEntitled.out).toEqual({
      decision: 'reject',
      reasons: ['NOT_ENTITLED'],
      warnings: [],
      service: 'cinema',
      card: { iss: 'lc-hrss', sub: 'LC-C-000042', tier: 'C', cat: 4, name: '王*芳', idt: '901X' },
      quota: null,
      recorded: false,
    });
    const forged = await verifyJson(cards.forged, '--service', 'scenic', '--at', shanghai(t.atMs));
    expect(forged.code).toBe(1);
    expect(forged.out).toEqual({ decision: 'reject', reasons: ['BAD_SIGNATURE'], warnings: [], service: 'scenic', card: null, quota: null, recorded: false });
  });

  it('prints a verdict, the holder and the quota without --json', async () => {
    const run = await verify(cards.goldA, '--service', 'cinema', '--at', shanghai(t.atMs));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ACCEPTED/);
    expect(run.stdout).toContain('LC-A-000123');
    expect(run.stdout).toMatch(/\b0\/12\b/);
    expect(run.stdout).toContain(t.firstCardYearEnd.slice(0, 10));
  });

  it('reads the token from standard input with -', async () => {
    const run = await jinka(['verify', '-', '--service', 'cinema', '--at', shanghai(t.atMs), '--json', '--data-dir', dataDir()], { input: `${cards.goldA}\n` });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ decision: 'accept', card: GOLD_A_CARD });
    const garbage = await jinka(['verify', '-', '--service', 'cinema', '--json', '--data-dir', dataDir()], { input: 'not a card\n' });
    expect(garbage.code).toBe(1);
    expect(jsonOf(garbage)).toMatchObject({ reasons: ['MALFORMED'] });
  });

  it('takes --at with +08:00, without seconds, and with Z, all as the same instant', async () => {
    // A minute after nbf is valid; two minutes before is not (tolerance 60 s): an offset
    // read wrongly (8 hours off) would flip one of them.
    const spellings = (ms: number) => {
      const local = shanghai(ms);
      return [local, local.replace(/:00\+08:00$/, '+08:00'), new Date(ms).toISOString().replace('.000Z', 'Z'), new Date(ms).toISOString()];
    };
    for (const when of spellings(t.nbfMs + 60_000)) {
      expect(when).toMatch(/(\+08:00|Z)$/);
      const { code, out } = await verifyJson(cards.goldA, '--service', 'gym', '--at', when);
      expect({ when, code, reasons: out.reasons }).toEqual({ when, code: 0, reasons: [] });
    }
    for (const when of spellings(t.nbfMs - 120_000)) {
      const { code, out } = await verifyJson(cards.goldA, '--service', 'gym', '--at', when);
      expect({ when, code, reasons: out.reasons }).toEqual({ when, code: 1, reasons: ['NOT_YET_VALID'] });
    }
  });

  it('refuses --at without an offset, or an impossible date, with exit 2 before looking at the card', async () => {
    const local = shanghai(t.atMs).replace('+08:00', '');
    expectFailed(await verify(cards.goldA, '--service', 'cinema', '--at', local), /--at/);
    expectFailed(await verify(cards.goldA, '--service', 'cinema', '--at', '2026-02-30T10:00:00+08:00'), /--at/);
    expectFailed(await verify(cards.goldA, '--service', 'cinema', '--at', 'tomorrow'), /--at/);
  });

  it('refuses an unknown service with exit 2, even for a card that is not one', async () => {
    expectFailed(await verify(cards.goldA, '--service', 'sauna'), /unknown service "sauna"/);
    expectFailed(await verify('not-a-card', '--service', 'sauna'), /unknown service/);
    expectFailed(await verify(cards.goldA), /--service/);
  });

  it('refuses an unknown relation, a bad count or a repeated relation in --companions with exit 2', async () => {
    expectFailed(await verify(cards.goldA, '--service', 'bus', '--companions', 'spouse=1,cousin=1'), /unknown relation "cousin"/);
    expectFailed(await verify(cards.goldA, '--service', 'bus', '--companions', 'spouse=-1'));
    expectFailed(await verify(cards.goldA, '--service', 'bus', '--companions', 'child=1,child=2'), /twice/);
  });

  it('requires --beneficiary for eldercare and refuses it elsewhere, with exit 2', async () => {
    expectFailed(await verify(cards.goldA, '--service', 'eldercare', '--at', shanghai(t.atMs)), /--beneficiary/);
    expectFailed(await verify(cards.goldA, '--service', 'cinema', '--beneficiary', 'mother', '--at', shanghai(t.atMs)), /--beneficiary/);
    const { code, out } = await verifyJson(cards.goldA, '--service', 'eldercare', '--beneficiary', 'mother', '--at', shanghai(t.atMs));
    expect(code).toBe(0);
    expect(out.quota).toMatchObject({ limit: 1, used: 0, remaining: 1, total_limit: 36, total_used: 0 });
  });

  it('refuses --record on the bus without --ticket with exit 2, and records nothing', async () => {
    expectFailed(await verify(cards.goldA, '--service', 'bus', '--record'), /--ticket/);
    expect(jsonOf(await runInDataDir('history', '--json'))).toEqual([]);
    // Without --record no ticket is needed.
    expect((await verify(cards.goldA, '--service', 'bus', '--companions', 'spouse=1,child=3')).code).toBe(0);
  });

  it('rejects companions over the limits with COMPANIONS_EXCEEDED, and any companion where the holder goes alone', async () => {
    expect((await verifyJson(cards.goldA, '--service', 'scenic', '--companions', 'spouse=2')).out.reasons).toEqual(['COMPANIONS_EXCEEDED']);
    expect((await verifyJson(cards.goldA, '--service', 'hospital', '--companions', 'escort=1')).out.reasons).toEqual(['COMPANIONS_EXCEEDED']);
    expect((await verifyJson(cards.goldA, '--service', 'hospital', '--companions', 'escort=0')).code).toBe(0);
  });

  it('answers UNKNOWN_ISSUER with exit 1 on a terminal that trusts no issuer yet', async () => {
    const empty = tempDir();
    try {
      expect((await jinka(['init', '--data-dir', empty.dir])).code).toBe(0);
      const run = await jinka(['verify', cards.goldA, '--service', 'cinema', '--json', '--data-dir', empty.dir]);
      expect(run.code).toBe(1);
      expect(jsonOf(run)).toMatchObject({ decision: 'reject', reasons: ['UNKNOWN_ISSUER'], card: null, quota: null });
    } finally {
      empty.cleanup();
    }
  });
});
