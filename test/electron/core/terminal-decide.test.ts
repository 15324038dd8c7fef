import { afterEach, describe, expect, it } from 'vitest';
import { sitePolicyOverrideSchema } from '../../../electron/core/store/settings-store.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { at, makeAuthority, provisionedTerminal, sec, type TestAuthority } from '../../support/fixtures.js';
import { auditBodies, openStores } from '../../support/stores.js';

const NOW = at('2026-06-01T10:00:00+08:00');
const MIN = 60_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A terminal whose real clock the test moves. */
function setup(): { authority: TestAuthority; terminal: Terminal; clock: { now: number }; dir: string } {
  const authority = makeAuthority();
  const clock = { now: NOW };
  const t = provisionedTerminal(authority, { clock: () => clock.now });
  cleanups.push(t.cleanup);
  return { authority, terminal: t.terminal, clock, dir: t.dir };
}

const decide = (terminal: Terminal, token: string, service = 'gym', atMs = NOW, companions = {}) =>
  terminal.decide({ token, service, atMs, companions }).decision;

function recordAt(terminal: Terminal, token: string, service: string, atMs: number): void {
  const v = terminal.verify({ token, service, atMs, companions: {} });
  expect(v.decision.decision).toBe('accept');
  expect(terminal.record(v.id, service === 'bus' ? { ticket: 'T' } : {}).ok).toBe(true);
}

describe('Terminal.decide — CLOCK_SUSPECT against the real clock (§6 group 6)', () => {
  it('warns when the clock is set back more than the tolerance behind a recorded use', () => {
    const { authority, terminal, clock } = setup();
    const token = authority.card();
    clock.now = at('2026-06-01T12:00:00+08:00');
    recordAt(terminal, token, 'hospital', clock.now);
    clock.now = at('2026-06-01T11:59:00+08:00'); // 60 s behind: within tolerance
    expect(decide(terminal, token).warnings).toEqual([]);
    clock.now = at('2026-06-01T11:59:00+08:00') - 1;
    expect(decide(terminal, token)).toMatchObject({ decision: 'accept', warnings: ['CLOCK_SUSPECT'] });
  });

  it('warns when an imported bundle was issued more than the tolerance after the clock', () => {
    const { authority, terminal } = setup();
    const list = (seq: number, iatIso: string) => authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq, base: 0, iat: sec(iatIso), revoked: [] });
    expect(terminal.importText(list(2, '2026-06-01T10:01:00+08:00')).ok).toBe(true);
    expect(decide(terminal, authority.card()).warnings).toEqual([]);
    expect(terminal.importText(list(3, '2026-06-01T10:01:01+08:00')).ok).toBe(true);
    expect(decide(terminal, authority.card()).warnings).toEqual(['CLOCK_SUSPECT']);
  });

  it('never counts an --at instant as seen, however far ahead', () => {
    const { authority, terminal } = setup();
    recordAt(terminal, authority.card(), 'hospital', at('2030-01-01T00:00:00+08:00'));
    expect(openStores(terminal).meta.latestSeenMs()).toBe(NOW);
    expect(decide(terminal, authority.card()).warnings).toEqual([]);
  });

  it('rejects with CLOCK_SUSPECT when the site escalates it', () => {
    const { authority, terminal, clock } = setup();
    recordAt(terminal, authority.card(), 'hospital', NOW);
    clock.now = NOW - 10 * MIN;
    terminal.setPolicy({ escalate: ['CLOCK_SUSPECT'] });
    const v = terminal.verify({ token: authority.card(), service: 'cinema', atMs: NOW, companions: {} });
    expect(v.decision).toMatchObject({ decision: 'reject', reasons: ['CLOCK_SUSPECT'], warnings: [], quota: null });
    expect(terminal.record(v.id)).toEqual({ ok: false, error: 'NOT_ACCEPTED' });
  });
});

describe('Terminal.decide — LISTS_STALE (§6 group 7)', () => {
  it('warns after 72 h from the list iat and rejects when escalated', () => {
    const { authority, terminal } = setup();
    const listIat = at('2026-06-01T09:00:00+08:00');
    expect(decide(terminal, authority.card(), 'gym', listIat + 72 * 60 * MIN).warnings).toEqual([]);
    expect(decide(terminal, authority.card(), 'gym', listIat + 72 * 60 * MIN + 1000)).toMatchObject({ decision: 'accept', warnings: ['LISTS_STALE'] });
    terminal.setPolicy({ escalate: ['LISTS_STALE'] });
    expect(decide(terminal, authority.card(), 'gym', listIat + 72 * 60 * MIN + 1000)).toMatchObject({ decision: 'reject', reasons: ['LISTS_STALE'], warnings: [] });
    expect(decide(terminal, authority.card(), 'gym', listIat + 60 * MIN).decision).toBe('accept');
  });

  it('follows a site setting for the list age', () => {
    const { authority, terminal } = setup();
    terminal.setPolicy({ listStaleHours: 2 });
    expect(decide(terminal, authority.card(), 'gym', at('2026-06-01T11:00:00+08:00')).warnings).toEqual([]);
    expect(decide(terminal, authority.card(), 'gym', at('2026-06-01T11:00:01+08:00')).warnings).toEqual(['LISTS_STALE']);
  });

  it('refuses an override that names a setting without a value, rather than erase the site setting', () => {
    const { authority, terminal } = setup();
    terminal.setPolicy({ listStaleHours: 2 });
    // A caller outside the types (the override is spread over the stored one): undefined is no value.
    expect(() => terminal.setPolicy({ listStaleHours: undefined } as never)).toThrow();
    expect(decide(terminal, authority.card(), 'gym', at('2026-06-01T11:00:01+08:00')).warnings).toEqual(['LISTS_STALE']);
  });
});

describe('Terminal.decide — DUPLICATE (§6 group 9)', () => {
  it('warns within 10 minutes of a recorded use of the same card and service, and rejects when escalated', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    recordAt(terminal, token, 'gym', NOW);
    expect(decide(terminal, token, 'gym', NOW + 10 * MIN)).toMatchObject({ decision: 'accept', warnings: ['DUPLICATE'] });
    expect(decide(terminal, token, 'gym', NOW + 10 * MIN + 1).warnings).toEqual([]);
    expect(decide(terminal, token, 'scenic', NOW + MIN).warnings).toEqual([]);
    terminal.setPolicy({ escalate: ['DUPLICATE'] });
    expect(decide(terminal, token, 'gym', NOW + 5 * MIN)).toMatchObject({ decision: 'reject', reasons: ['DUPLICATE'], warnings: [] });
  });

  it('warns whatever the beneficiary (eldercare for the other parent)', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    const v = terminal.verify({ token, service: 'eldercare', atMs: NOW, companions: {}, beneficiary: 'father' });
    expect(terminal.record(v.id).ok).toBe(true);
    expect(terminal.decide({ token, service: 'eldercare', atMs: NOW + MIN, companions: {}, beneficiary: 'mother' }).decision).toMatchObject({
      decision: 'accept', warnings: ['DUPLICATE'],
    });
  });

  it('gives a revoked card no DUPLICATE warning (group 9 not reached)', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    recordAt(terminal, token, 'gym', NOW);
    terminal.importText(authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: sec('2026-06-01T09:30:00+08:00'), revoked: [{ sub: 'LC-A-000123' }] }));
    expect(decide(terminal, token, 'gym', NOW + MIN)).toMatchObject({ reasons: ['REVOKED'], warnings: [] });
  });
});

describe('Terminal.setPolicy', () => {
  it('merges overrides with earlier ones and persists them', () => {
    const { terminal, dir } = setup();
    terminal.setPolicy({ escalate: ['DUPLICATE'] });
    terminal.setPolicy({ duplicateWindowSeconds: 60 });
    expect(terminal.policy()).toEqual({ clockToleranceSeconds: 60, duplicateWindowSeconds: 60, listStaleHours: 72, escalate: ['DUPLICATE'] });
    const reopened = Terminal.open(dir, () => NOW);
    try {
      expect(reopened.policy().escalate).toEqual(['DUPLICATE']);
    } finally {
      reopened.close();
    }
  });

  it('keeps an earlier escalation when a later override parsed from one setting is saved (as the CLI does)', () => {
    const { terminal } = setup();
    terminal.setPolicy({ escalate: ['LISTS_STALE'] });
    const oneSetting = sitePolicyOverrideSchema.parse({ clockToleranceSeconds: 120 });
    expect(oneSetting).toEqual({ clockToleranceSeconds: 120 });
    terminal.setPolicy(oneSetting);
    expect(terminal.policy()).toMatchObject({ clockToleranceSeconds: 120, escalate: ['LISTS_STALE'] });
  });

  it('refuses a clock tolerance over 5 minutes (§4) and keeps the policy', () => {
    const { terminal } = setup();
    expect(() => terminal.setPolicy({ clockToleranceSeconds: 301 })).toThrow();
    expect(terminal.policy().clockToleranceSeconds).toBe(60);
  });

  it('widens the nbf/exp tolerance at a site that sets it', () => {
    const { authority, terminal } = setup();
    const exp = at('2031-03-01T00:00:00+08:00');
    expect(decide(terminal, authority.card(), 'hospital', exp + 2 * MIN).reasons).toEqual(['EXPIRED']);
    terminal.setPolicy({ clockToleranceSeconds: 300 });
    expect(decide(terminal, authority.card(), 'hospital', exp + 2 * MIN).decision).toBe('accept');
  });

  it('is audited', () => {
    const { terminal } = setup();
    terminal.setPolicy({ escalate: ['LISTS_STALE'] });
    expect(auditBodies(terminal, 'settings')).toEqual([{ policy: { escalate: ['LISTS_STALE'] } }]);
  });

  it("keeps the rules' escalation defaults when a site overrides only another setting", () => {
    const { authority, terminal } = setup();
    const rules = { ...structuredClone(DEFAULT_RULES_INPUT), sitePolicyDefaults: { ...DEFAULT_RULES_INPUT.sitePolicyDefaults, escalate: ['DUPLICATE' as const] } };
    expect(terminal.importText(authority.bundle({ iss: 'lc-hrss', typ: 'jinka/rules', version: 1, iat: sec('2026-06-01T09:30:00+08:00'), rules })).ok).toBe(true);
    expect(terminal.policy().escalate).toEqual(['DUPLICATE']);
    terminal.setPolicy({ clockToleranceSeconds: 120 });
    expect(terminal.policy()).toMatchObject({ clockToleranceSeconds: 120, escalate: ['DUPLICATE'] });
    recordAt(terminal, authority.card(), 'gym', NOW);
    expect(decide(terminal, authority.card(), 'gym', NOW + MIN).reasons).toEqual(['DUPLICATE']);
  });
});
