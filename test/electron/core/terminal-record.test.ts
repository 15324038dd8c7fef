import { afterEach, describe, expect, it } from 'vitest';
import { DECISION_MAX_AGE_MS, type Terminal } from '../../../electron/core/terminal.js';
import { at, makeAuthority, provisionedTerminal, sec, type TestAuthority } from '../../support/fixtures.js';
import { openStores } from '../../support/stores.js';
import { usesRecorded } from '../../../electron/core/terminal-reports.js';

const NOW = at('2026-06-01T10:00:00+08:00');
const HOUR = 3_600_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function setup(clock: () => number = () => NOW): { authority: TestAuthority; terminal: Terminal } {
  const authority = makeAuthority();
  const t = provisionedTerminal(authority, { clock });
  cleanups.push(t.cleanup);
  return { authority, terminal: t.terminal };
}

const usageRows = (terminal: Terminal): number => usesRecorded(terminal);
const auditKinds = (terminal: Terminal, kind: string): number =>
  openStores(terminal).db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE kind = ?').get(kind)?.n ?? 0;

/** Verifies and records one use; fails the test when either step does not go through. */
function use(terminal: Terminal, token: string, service: string, atMs: number, extra: { beneficiary?: string; ticket?: string } = {}) {
  const v = terminal.verify({ token, service, atMs, companions: {}, beneficiary: extra.beneficiary });
  expect(v.decision.decision, `${service} at ${new Date(atMs).toISOString()}: ${v.decision.reasons.join()}`).toBe('accept');
  const r = terminal.record(v.id, extra.ticket === undefined ? {} : { ticket: extra.ticket });
  expect(r.ok).toBe(true);
  return v;
}

const decide = (terminal: Terminal, token: string, service: string, atMs: number, beneficiary?: string) =>
  terminal.decide({ token, service, atMs, companions: {}, beneficiary }).decision;

describe('Terminal.record — two-step use', () => {
  it('records once: a second record of the same decision is a no-op returning the first use', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: { spouse: 1 } });
    const first = terminal.record(v.id);
    expect(first).toMatchObject({ ok: true, value: { alreadyRecorded: false } });
    const second = terminal.record(v.id);
    expect(second).toMatchObject({ ok: true, value: { alreadyRecorded: true } });
    if (!first.ok || !second.ok) throw new Error('unreachable');
    expect(second.value.use).toEqual(first.value.use);
    expect(usageRows(terminal)).toBe(1);
    expect(auditKinds(terminal, 'use')).toBe(1);
  });

  it('keeps the no-op even when the second call brings other options', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'bus', atMs: NOW, companions: {} });
    expect(terminal.record(v.id, { ticket: 'T1' }).ok).toBe(true);
    const again = terminal.record(v.id, { ticket: 'T2', companions: { escort: 9 } });
    expect(again).toMatchObject({ ok: true, value: { alreadyRecorded: true, use: { ticket: 'T1' } } });
    expect(usageRows(terminal)).toBe(1);
  });

  it('refuses to record a rejected decision (NOT_ACCEPTED) and writes no use', () => {
    const { authority, terminal } = setup();
    terminal.importText(authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 0, iat: sec('2026-06-01T09:30:00+08:00'), revoked: [{ sub: 'LC-A-000123' }] }));
    const revoked = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    expect(revoked.decision.reasons).toEqual(['REVOKED']);
    expect(terminal.record(revoked.id)).toEqual({ ok: false, error: 'NOT_ACCEPTED' });
    const malformed = terminal.verify({ token: 'not-a-token', service: 'gym', atMs: NOW, companions: {} });
    expect(terminal.record(malformed.id)).toEqual({ ok: false, error: 'NOT_ACCEPTED' });
    expect(usageRows(terminal)).toBe(0);
  });

  it('refuses an unknown decision id', () => {
    const { terminal } = setup();
    expect(terminal.record('00000000-0000-0000-0000-000000000000')).toEqual({ ok: false, error: 'UNKNOWN_DECISION' });
    expect(terminal.record('')).toEqual({ ok: false, error: 'UNKNOWN_DECISION' });
  });

  it('lets only the first of two accepted decisions take the last library card (Art. 21)', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    const a = terminal.verify({ token, service: 'library', atMs: NOW, companions: {} });
    const b = terminal.verify({ token, service: 'library', atMs: NOW + 1000, companions: {} });
    expect([a.decision.decision, b.decision.decision]).toEqual(['accept', 'accept']);
    expect(terminal.record(a.id).ok).toBe(true);
    expect(terminal.record(b.id)).toEqual({ ok: false, error: 'QUOTA_EXHAUSTED' });
    expect(usageRows(terminal)).toBe(1);
    expect(decide(terminal, token, 'library', NOW + HOUR)).toMatchObject({ reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 1, used: 1, remaining: 0, period_end: null } });
  });

  it('counts quotas per card (iss + sub): two token strings of one card share them', () => {
    const { authority, terminal } = setup();
    const first = authority.card({ iat: sec('2026-03-01T00:00:00+08:00') });
    const reprint = authority.card({ iat: sec('2026-05-01T00:00:00+08:00') });
    expect(first).not.toBe(reprint);
    use(terminal, first, 'library', NOW);
    expect(decide(terminal, reprint, 'library', NOW + HOUR).reasons).toEqual(['QUOTA_EXHAUSTED']);
    use(terminal, first, 'cinema', NOW);
    use(terminal, reprint, 'cinema', NOW + HOUR);
    expect(decide(terminal, first, 'cinema', NOW + 2 * HOUR).quota).toMatchObject({ used: 2, remaining: 10 });
  });

  it('re-checks the quota at recording: a decision made with another token string of the same card cannot overrun it', () => {
    const { authority, terminal } = setup();
    const a = terminal.verify({ token: authority.card({ iat: sec('2026-03-01T00:00:00+08:00') }), service: 'library', atMs: NOW, companions: {} });
    const b = terminal.verify({ token: authority.card({ iat: sec('2026-04-01T00:00:00+08:00') }), service: 'library', atMs: NOW, companions: {} });
    expect(terminal.record(b.id).ok).toBe(true);
    expect(terminal.record(a.id)).toEqual({ ok: false, error: 'QUOTA_EXHAUSTED' });
  });

  it('keeps separate quotas for the same card number from different issuers', () => {
    const { authority, terminal } = setup();
    use(terminal, authority.card({ sub: 'SAME-1' }), 'library', NOW);
    expect(decide(terminal, authority.card({ iss: 'sd-hrss', sub: 'SAME-1', tier: 'A', cat: 1 }), 'library', NOW).decision).toBe('accept');
  });

  it('stamps the use with the decision instant and keeps the real clock apart (§7 --at)', () => {
    const { authority, terminal } = setup();
    const atMs = at('2027-01-15T08:00:00+08:00');
    const v = terminal.verify({ token: authority.card(), service: 'gym', atMs, companions: { child: 2 } });
    const r = terminal.record(v.id);
    expect(r).toMatchObject({ ok: true, value: { use: { atMs, realMs: NOW, service: 'gym', iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', companions: { child: 2 }, decisionId: v.id } } });
    expect(openStores(terminal).meta.latestSeenMs()).toBe(NOW);
  });

  it('requires a ticket to record a bus use (Art. 18) and stores it trimmed', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'bus', atMs: NOW, companions: {} });
    expect(terminal.record(v.id)).toEqual({ ok: false, error: 'TICKET_REQUIRED' });
    expect(terminal.record(v.id, { ticket: '   ' })).toEqual({ ok: false, error: 'TICKET_REQUIRED' });
    expect(usageRows(terminal)).toBe(0);
    expect(terminal.record(v.id, { ticket: ' LC-0815 ' })).toMatchObject({ ok: true, value: { use: { ticket: 'LC-0815' } } });
  });

  it('re-checks companions entered at confirmation (Art. 18–20)', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'scenic', atMs: NOW, companions: { spouse: 1 } });
    expect(terminal.record(v.id, { companions: { escort: 2 } })).toEqual({ ok: false, error: 'COMPANIONS_EXCEEDED' });
    expect(terminal.record(v.id, { companions: { parent: 2, escort: 1 } })).toMatchObject({ ok: true, value: { use: { companions: { parent: 2, escort: 1 } } } });
  });

  it('records the beneficiary of an eldercare claim (Art. 22)', () => {
    const { authority, terminal } = setup();
    const v = use(terminal, authority.card(), 'eldercare', NOW, { beneficiary: 'mother' });
    expect(openStores(terminal).usage.forDecision(v.id)?.beneficiary).toBe('mother');
  });
});

describe('Terminal quotas through recorded uses (Art. 21, 22; Asia/Shanghai periods)', () => {
  it('gives 12 films per card-year from nbf and renews exactly at the anniversary', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    for (let i = 0; i < 12; i += 1) use(terminal, token, 'cinema', at('2026-04-01T19:00:00+08:00') + i * 86_400_000);
    const anniversary = at('2027-03-01T00:00:00+08:00');
    expect(decide(terminal, token, 'cinema', anniversary - 1000)).toMatchObject({
      reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 12, used: 12, remaining: 0, period_end: '2027-03-01T00:00:00+08:00' },
    });
    expect(decide(terminal, token, 'cinema', anniversary)).toMatchObject({
      decision: 'accept', quota: { limit: 12, used: 0, remaining: 12, period_end: '2028-03-01T00:00:00+08:00' },
    });
  });

  it('ends the cinema benefit after 3 card-years: ENTITLEMENT_ENDED, remaining 0, period_end null', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    const end = at('2029-03-01T00:00:00+08:00');
    expect(decide(terminal, token, 'cinema', end - 1000)).toMatchObject({ decision: 'accept', quota: { period_end: '2029-03-01T00:00:00+08:00' } });
    expect(decide(terminal, token, 'cinema', end)).toMatchObject({
      decision: 'reject', reasons: ['ENTITLEMENT_ENDED'], quota: { limit: 12, remaining: 0, period_end: null },
    });
  });

  it('puts the anniversary of a 29 February card on 28 February in common years', () => {
    const { authority, terminal } = setup();
    const token = authority.card({ sub: 'LEAP-1', nbf: sec('2028-02-29T10:00:00+08:00'), exp: sec('2033-01-01T00:00:00+08:00') });
    for (let i = 0; i < 12; i += 1) use(terminal, token, 'cinema', at('2028-03-01T10:00:00+08:00') + i * 86_400_000);
    expect(decide(terminal, token, 'cinema', at('2029-02-28T09:59:59+08:00'))).toMatchObject({
      reasons: ['QUOTA_EXHAUSTED'], quota: { period_end: '2029-02-28T10:00:00+08:00' },
    });
    expect(decide(terminal, token, 'cinema', at('2029-02-28T10:00:00+08:00'))).toMatchObject({
      decision: 'accept', quota: { used: 0, period_end: '2030-02-28T10:00:00+08:00' },
    });
  });

  it('counts uses by their stamp whatever order they were recorded in', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    use(terminal, token, 'cinema', at('2027-02-20T19:00:00+08:00')); // later stamp first
    use(terminal, token, 'cinema', at('2026-04-01T19:00:00+08:00'));
    use(terminal, token, 'cinema', at('2027-03-05T19:00:00+08:00')); // second card-year
    expect(decide(terminal, token, 'cinema', at('2026-05-01T10:00:00+08:00')).quota).toMatchObject({ used: 2, remaining: 10 });
    expect(decide(terminal, token, 'cinema', at('2027-06-01T10:00:00+08:00')).quota).toMatchObject({ used: 1, remaining: 11 });
  });

  it('counts an eldercare claim at 2026-03-31T23:30+08:00 (15:30Z) for March (Art. 22)', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    use(terminal, token, 'eldercare', at('2026-03-31T23:30:00+08:00'), { beneficiary: 'father' });
    expect(decide(terminal, token, 'eldercare', at('2026-03-15T10:00:00+08:00'), 'father')).toMatchObject({
      reasons: ['QUOTA_EXHAUSTED'], quota: { used: 1, remaining: 0, period_end: '2026-04-01T00:00:00+08:00' },
    });
    expect(decide(terminal, token, 'eldercare', at('2026-04-01T00:00:00+08:00'), 'father')).toMatchObject({
      decision: 'accept', quota: { used: 0, remaining: 1, period_end: '2026-05-01T00:00:00+08:00', total_limit: 36, total_used: 1 },
    });
  });

  it('lets a March claim be recorded after an April one, then refuses a second March claim', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    use(terminal, token, 'eldercare', at('2026-04-10T10:00:00+08:00'), { beneficiary: 'father' });
    use(terminal, token, 'eldercare', at('2026-03-10T10:00:00+08:00'), { beneficiary: 'father' });
    expect(decide(terminal, token, 'eldercare', at('2026-03-20T10:00:00+08:00'), 'father')).toMatchObject({
      reasons: ['QUOTA_EXHAUSTED'], quota: { total_used: 2 },
    });
  });

  it('keeps eldercare separate per parent', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    use(terminal, token, 'eldercare', NOW, { beneficiary: 'father' });
    expect(decide(terminal, token, 'eldercare', NOW + HOUR, 'father').reasons).toEqual(['QUOTA_EXHAUSTED']);
    expect(decide(terminal, token, 'eldercare', NOW + HOUR, 'mother')).toMatchObject({ decision: 'accept', quota: { used: 0, total_used: 0 } });
  });

  it('ends eldercare for a parent after 36 monthly claims, with total_limit and total_used (Art. 22: 最多补贴3年)', () => {
    const { authority, terminal } = setup();
    const token = authority.card();
    for (let m = 0; m < 36; m += 1) {
      const y = 2026 + Math.floor((2 + m) / 12);
      const mo = ((2 + m) % 12) + 1;
      const atMs = at(`${y}-${String(mo).padStart(2, '0')}-15T10:00:00+08:00`);
      if (m === 35) {
        expect(decide(terminal, token, 'eldercare', atMs, 'father').quota).toMatchObject({ remaining: 1, total_limit: 36, total_used: 35 });
      }
      use(terminal, token, 'eldercare', atMs, { beneficiary: 'father' });
    }
    expect(decide(terminal, token, 'eldercare', at('2029-03-01T10:00:00+08:00'), 'father')).toMatchObject({
      decision: 'reject', reasons: ['ENTITLEMENT_ENDED'], quota: { remaining: 0, period_end: null, total_limit: 36, total_used: 36 },
    });
    expect(decide(terminal, token, 'eldercare', at('2029-03-01T10:00:00+08:00'), 'mother')).toMatchObject({
      decision: 'accept', quota: { total_used: 0 },
    });
  });
});

describe('Terminal.record — guards re-checked when the use is recorded', () => {
  const enrolFor = (terminal: Terminal, service: string) =>
    openStores(terminal).sync.setEnrolment({ hubUrl: 'https://hub.example', terminalId: 'T1', site: '东昌影城', service, enrolledMs: NOW });

  it('refuses a use for a service other than the one the terminal is enrolled for (NOT_ENROLLED_SERVICE)', () => {
    const { authority, terminal } = setup();
    enrolFor(terminal, 'cinema');
    const gym = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    expect(gym.decision.decision).toBe('accept');
    expect(terminal.record(gym.id)).toEqual({ ok: false, error: 'NOT_ENROLLED_SERVICE' });
    expect(usageRows(terminal)).toBe(0);
    expect(auditKinds(terminal, 'use')).toBe(0);
    use(terminal, authority.card(), 'cinema', NOW);
    expect(usageRows(terminal)).toBe(1);
  });

  it('records any service on a terminal that is not enrolled at a hub', () => {
    const { authority, terminal } = setup();
    use(terminal, authority.card(), 'gym', NOW);
    use(terminal, authority.card(), 'cinema', NOW);
    expect(usageRows(terminal)).toBe(2);
  });

  it('refuses a decision whose card a newer revocation list revoked (REVOKED, Art. 34)', () => {
    const { authority, terminal } = setup();
    const v = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    expect(v.decision.decision).toBe('accept');
    const revoked = terminal.importText(
      authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: sec('2026-06-01T09:30:00+08:00'), revoked: [{ sub: 'LC-A-000123' }] }),
    );
    expect(revoked.ok).toBe(true);
    expect(terminal.record(v.id)).toEqual({ ok: false, error: 'REVOKED' });
    expect(usageRows(terminal)).toBe(0);
  });

  it(`refuses a decision older than ${DECISION_MAX_AGE_MS / 60_000} minutes (DECISION_EXPIRED) and records a fresh one`, () => {
    let now = NOW;
    const { authority, terminal } = setup(() => now);
    const old = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    const fresh = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    now = NOW + DECISION_MAX_AGE_MS - 1000;
    expect(terminal.record(fresh.id).ok).toBe(true);
    now = NOW + DECISION_MAX_AGE_MS + 1000;
    expect(terminal.record(old.id)).toEqual({ ok: false, error: 'DECISION_EXPIRED' });
    // Recording the fresh one again is still the idempotent no-op, whatever its age now.
    expect(terminal.record(fresh.id)).toMatchObject({ ok: true, value: { alreadyRecorded: true } });
    expect(usageRows(terminal)).toBe(1);
  });

  it('refuses a decision made at a clock far ahead of the one recording it (a clock set back)', () => {
    let now = NOW;
    const { authority, terminal } = setup(() => now);
    const v = terminal.verify({ token: authority.card(), service: 'gym', atMs: NOW, companions: {} });
    now = NOW - DECISION_MAX_AGE_MS - 1000;
    expect(terminal.record(v.id)).toEqual({ ok: false, error: 'DECISION_EXPIRED' });
  });
});
