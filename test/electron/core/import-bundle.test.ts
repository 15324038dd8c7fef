import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { Terminal } from '../../../electron/core/terminal.js';
import type { TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { at, makeAuthority, provisionedTerminal, sec, tempDir, type TestAuthority } from '../../support/fixtures.js';
import { snapshot } from '../../support/snapshot.js';
import { b64, signWithHeader } from '../../support/tokens.js';
import { openStores } from '../../support/stores.js';
import { trustProvisioned, verifyAudit } from '../../../electron/core/terminal-reports.js';

const NOW = at('2026-06-01T10:00:00+08:00');
const IAT = sec('2026-06-01T09:30:00+08:00');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function setup(authority: TestAuthority = makeAuthority()) {
  const t = provisionedTerminal(authority);
  cleanups.push(t.cleanup);
  return { authority, terminal: t.terminal, dir: t.dir };
}

function blankTerminal(): { terminal: Terminal; dir: string } {
  const { dir, cleanup } = tempDir();
  const terminal = Terminal.create(dir, () => NOW);
  cleanups.push(() => {
    terminal.close();
    cleanup();
  });
  return { terminal, dir };
}

const decide = (terminal: Terminal, token: string, service = 'gym', atMs = NOW, beneficiary?: string) =>
  terminal.decide({ token, service, atMs, companions: {}, beneficiary }).decision;

const revocations = (iss: string, seq: number, base: number, subs: string[], iat = IAT) => ({
  iss, typ: 'jinka/revocations', seq, base, iat, revoked: subs.map((sub) => ({ sub, at: iat, reason: 'Art. 34' })),
});

const rulesBundle = (version: number, mutate: (r: typeof DEFAULT_RULES_INPUT) => typeof DEFAULT_RULES_INPUT = (r) => r) => ({
  iss: 'lc-hrss', typ: 'jinka/rules', version, iat: IAT, rules: mutate(structuredClone(DEFAULT_RULES_INPUT)),
});

const withCinemaLimit = (limit: number) => (r: typeof DEFAULT_RULES_INPUT) => ({
  ...r,
  services: r.services.map((s) => (s.id === 'cinema' ? { ...s, quota: { period: 'card_year' as const, limit, periods: 3 } } : s)),
});

const trustBundle = (version: number, issuers: TrustedIssuer[]) => ({ iss: 'lc-hrss', typ: 'jinka/trust', version, iat: IAT, issuers });

/** Imports and expects a refusal with this code that leaves every table as it was. */
function expectRefusedUnchanged(terminal: Terminal, text: string, code: string): void {
  const before = snapshot(terminal);
  const rulesBefore = terminal.rules();
  const result = terminal.importText(text);
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(terminal)).toEqual(before);
  expect(terminal.rules()).toBe(rulesBefore);
}

describe('importBundle — trust file (§5 first provisioning)', () => {
  it('makes a blank terminal trust the listed issuers', () => {
    const authority = makeAuthority();
    const { terminal } = blankTerminal();
    expect(decide(terminal, authority.card()).reasons).toEqual(['UNKNOWN_ISSUER']);
    expect(terminal.importText(JSON.stringify(authority.trust))).toEqual({ ok: true, value: { kind: 'trust-file', issuers: ['lc-hrss', 'sd-hrss'] } });
    // No revocation list yet: accepted with LISTS_STALE.
    expect(decide(terminal, authority.card())).toMatchObject({ decision: 'accept', warnings: ['LISTS_STALE'] });
    expect(openStores(terminal).trust.issuers().map((i) => [i.iss, i.kids])).toEqual([['lc-hrss', ['lc-test-1']], ['sd-hrss', ['sd-test-1']]]);
  });

  it('is accepted with surrounding whitespace', () => {
    const authority = makeAuthority();
    const { terminal } = blankTerminal();
    expect(terminal.importText(`\n  ${JSON.stringify(authority.trust, null, 2)}\n`).ok).toBe(true);
  });

  it('is refused once the terminal trusts an issuer, so a forger cannot swap the keys', () => {
    const { authority, terminal } = setup();
    const forger = generateSigningKey(authority.lc.kid);
    const evilTrust = { issuers: [{ iss: 'lc-hrss', name: 'evil', keys: [forger.publicJwk] }] };
    expectRefusedUnchanged(terminal, JSON.stringify(evilTrust), 'TRUST_FILE_REFUSED');
    expectRefusedUnchanged(terminal, JSON.stringify(authority.trust), 'TRUST_FILE_REFUSED');
    expect(decide(terminal, authority.card({}, forger)).reasons).toEqual(['BAD_SIGNATURE']);
    expect(decide(terminal, authority.card()).decision).toBe('accept');
  });

  it.each([
    ['no issuers', { issuers: [] }],
    ['an issuer without keys', { issuers: [{ iss: 'lc-hrss', name: 'x', keys: [] }] }],
    ['an issuer listed twice', 'dup-issuer'],
    ['a duplicate kid', 'dup-kid'],
    ['a key that is not on the curve', 'bad-point'],
    ['not JSON at all', '{issuers: nope'],
  ])('refuses a trust file with %s and stays unprovisioned', (_label, spec) => {
    const authority = makeAuthority();
    const { terminal } = blankTerminal();
    const lcIssuer = authority.trust.issuers[0]!;
    const body =
      spec === 'dup-issuer'
        ? JSON.stringify({ issuers: [lcIssuer, lcIssuer] })
        : spec === 'dup-kid'
          ? JSON.stringify({ issuers: [{ ...lcIssuer, keys: [authority.lc.publicJwk, authority.lc.publicJwk] }] })
          : spec === 'bad-point'
            ? JSON.stringify({ issuers: [{ ...lcIssuer, keys: [{ ...authority.lc.publicJwk, y: authority.sd.publicJwk.y }] }] })
            : typeof spec === 'string'
              ? spec
              : JSON.stringify(spec);
    const before = snapshot(terminal);
    const result = terminal.importText(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['INVALID', 'NOT_A_BUNDLE']).toContain(result.error.code);
    expect(snapshot(terminal)).toEqual(before);
    expect(trustProvisioned(terminal)).toBe(false);
    expect(terminal.importText(JSON.stringify(authority.trust)).ok).toBe(true);
  });

  it('refuses text that is neither JSON nor a JWT', () => {
    const { terminal } = setup();
    expectRefusedUnchanged(terminal, 'hello world', 'NOT_A_BUNDLE');
    expectRefusedUnchanged(terminal, '', 'NOT_A_BUNDLE');
  });
});

describe('importBundle — signed bundle checks (§5: one verification path)', () => {
  it('refuses a bundle signed by an unknown kid', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 0, ['LC-A-000123']), generateSigningKey('lc-9')), 'UNKNOWN_KEY');
  });

  it('refuses a bundle signed by a forged key carrying the trusted kid', () => {
    const { authority, terminal } = setup();
    const forger = generateSigningKey(authority.lc.kid);
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 0, ['LC-A-000123']), forger), 'BAD_SIGNATURE');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, withCinemaLimit(1)), forger), 'BAD_SIGNATURE');
    expect(decide(terminal, authority.card()).decision).toBe('accept');
  });

  it('refuses a bundle whose payload was altered after signing', () => {
    const { authority, terminal } = setup();
    const [h, , s] = authority.bundle(revocations('lc-hrss', 2, 0, [])).split('.');
    expectRefusedUnchanged(terminal, `${h}.${b64(revocations('lc-hrss', 2, 0, ['LC-A-000123']))}.${s}`, 'BAD_SIGNATURE');
  });

  it('refuses a bundle of an untrusted issuer', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(revocations('bj-hrss', 2, 0, []), generateSigningKey('bj-1')), 'UNKNOWN_ISSUER');
  });

  it("refuses a bundle claiming one issuer but signed with another's key", () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 0, ['X']), authority.sd), 'UNKNOWN_KEY');
  });

  it('refuses a bundle with an alg other than ES256', () => {
    const { authority, terminal } = setup();
    const token = signWithHeader({ alg: 'ES384', kid: authority.lc.kid }, revocations('lc-hrss', 2, 0, ['LC-A-000123']), authority.lc);
    expectRefusedUnchanged(terminal, token, 'UNSUPPORTED_ALG');
  });

  it('refuses an unknown typ and an invalid payload', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle({ iss: 'lc-hrss', typ: 'jinka/other', seq: 2 }), 'UNKNOWN_TYPE');
    expectRefusedUnchanged(terminal, authority.bundle({ ...revocations('lc-hrss', 2, 0, []), revoked: undefined }), 'INVALID');
    expectRefusedUnchanged(terminal, authority.bundle({ ...revocations('lc-hrss', 2, 0, []), seq: 0 }), 'INVALID');
    expectRefusedUnchanged(terminal, authority.bundle({ ...revocations('lc-hrss', 2, 0, []), seq: 2.5 }), 'INVALID');
  });

  it('refuses a signed bundle on a terminal that trusts nobody yet', () => {
    const authority = makeAuthority();
    const { terminal } = blankTerminal();
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 1, 0, [])), 'UNKNOWN_ISSUER');
  });
});

describe('importBundle — jinka/revocations (§5, Art. 34)', () => {
  it('revokes a card when a full list naming it is imported', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['LC-A-000123'])))).toEqual({
      ok: true, value: { kind: 'revocations', iss: 'lc-hrss', seq: 2, base: 0, added: 1 },
    });
    expect(decide(terminal, authority.card())).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
    expect(decide(terminal, authority.card({ sub: 'LC-A-000124' })).decision).toBe('accept');
  });

  it('replaces the list with a full list (base 0)', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['X1', 'X2']))).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 3, 0, ['X3']))).ok).toBe(true);
    const { revocations: store } = openStores(terminal);
    expect([store.isRevoked('lc-hrss', 'X1'), store.isRevoked('lc-hrss', 'X2'), store.isRevoked('lc-hrss', 'X3')]).toEqual([false, false, true]);
    expect(store.lists().find((l) => l.iss === 'lc-hrss')).toMatchObject({ seq: 3, count: 1 });
  });

  it('adds a delta on top of the sequence it names', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['X1']))).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 3, 2, ['X2'])))).toMatchObject({ ok: true, value: { base: 2, seq: 3 } });
    const { revocations: store } = openStores(terminal);
    expect([store.isRevoked('lc-hrss', 'X1'), store.isRevoked('lc-hrss', 'X2')]).toEqual([true, true]);
    expect(store.list('lc-hrss')?.seq).toBe(3);
  });

  it('refuses a delta whose base is not the sequence held (GAP)', () => {
    const { authority, terminal } = setup(); // holds seq 1
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 3, 2, ['LC-A-000123'])), 'GAP');
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 1, ['X1']))).ok).toBe(true);
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 4, 1, ['LC-A-000123'])), 'GAP');
    expect(decide(terminal, authority.card()).decision).toBe('accept');
  });

  it('refuses a delta when no list is held yet', () => {
    const authority = makeAuthority();
    const { terminal } = blankTerminal();
    terminal.importText(JSON.stringify(authority.trust));
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 1, ['X'])), 'GAP');
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['X']))).ok).toBe(true);
  });

  it('refuses an equal or lower sequence as REPLAY, full or delta', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 5, 0, ['X1']))).ok).toBe(true);
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 5, 0, ['LC-A-000123'])), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 4, 0, ['LC-A-000123'])), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 5, 5, ['LC-A-000123'])), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 1, 0, [])), 'REPLAY');
    // The identical bundle again is a replay too.
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 5, 0, ['X1'])), 'REPLAY');
  });

  it("counts sequences per issuer: sd-hrss's seq 2 is independent of lc-hrss's", () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 7, 0, []))).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations('sd-hrss', 2, 1, ['SD-1']))).ok).toBe(true);
  });

  it("revokes only its own issuer's cards", () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(revocations('sd-hrss', 2, 0, ['LC-A-000123']))).ok).toBe(true);
    expect(decide(terminal, authority.card()).decision).toBe('accept');
    const huicai = authority.card({ iss: 'sd-hrss', tier: 'A', cat: 1 });
    expect(decide(terminal, huicai).reasons).toEqual(['REVOKED']);
    expect(openStores(terminal).revocations.isRevoked('lc-hrss', 'LC-A-000123')).toBe(false);
  });

  it("a full list of one issuer leaves the other issuer's list alone", () => {
    const { authority, terminal } = setup();
    terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['LC-1'])));
    terminal.importText(authority.bundle(revocations('sd-hrss', 2, 0, ['SD-1'])));
    expect(terminal.importText(authority.bundle(revocations('sd-hrss', 3, 0, []))).ok).toBe(true);
    expect(openStores(terminal).revocations.isRevoked('lc-hrss', 'LC-1')).toBe(true);
    expect(openStores(terminal).revocations.isRevoked('sd-hrss', 'SD-1')).toBe(false);
  });

  it('keeps a revoked card revoked when a later delta does not name it (no un-revoke)', () => {
    const { authority, terminal } = setup();
    terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['LC-A-000123'])));
    terminal.importText(authority.bundle(revocations('lc-hrss', 3, 2, ['OTHER'])));
    expect(decide(terminal, authority.card()).reasons).toEqual(['REVOKED']);
  });

  it('refreshes the list age used by LISTS_STALE (bundle iat, not import time)', () => {
    const { authority, terminal } = setup();
    const later = at('2026-06-10T10:00:00+08:00');
    expect(decide(terminal, authority.card(), 'gym', later).warnings).toEqual(['LISTS_STALE']);
    terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, [], sec('2026-06-08T10:00:00+08:00'))));
    expect(decide(terminal, authority.card(), 'gym', later).warnings).not.toContain('LISTS_STALE');
    expect(openStores(terminal).revocations.list('lc-hrss')).toMatchObject({ iatMs: at('2026-06-08T10:00:00+08:00'), importedMs: NOW });
  });
});

describe('importBundle — jinka/rules (§5, Art. 39)', () => {
  it('replaces the rules: a cinema limit of 2 takes effect at once', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(rulesBundle(1, withCinemaLimit(2))))).toEqual({ ok: true, value: { kind: 'rules', version: 1 } });
    expect(terminal.rules().version).toBe(1);
    const token = authority.card();
    for (let i = 0; i < 2; i += 1) {
      const v = terminal.verify({ token, service: 'cinema', atMs: NOW + i * 3_600_000, companions: {} });
      expect(v.decision).toMatchObject({ decision: 'accept', quota: { limit: 2, used: i, remaining: 2 - i } });
      expect(terminal.record(v.id).ok).toBe(true);
    }
    expect(decide(terminal, token, 'cinema', NOW + 3 * 3_600_000)).toMatchObject({ reasons: ['QUOTA_EXHAUSTED'], quota: { limit: 2, used: 2, remaining: 0 } });
  });

  it('applies changed tier ranges (C extended to Art. 21 lets C cards into the library)', () => {
    const { authority, terminal } = setup();
    const cCard = authority.card({ tier: 'C', cat: 4 });
    expect(decide(terminal, cCard, 'library').reasons).toEqual(['NOT_ENTITLED']);
    terminal.importText(authority.bundle(rulesBundle(1, (r) => ({ ...r, tiers: { ...r.tiers, C: { articles: [16, 21], categories: [4, 5] } } }))));
    expect(decide(terminal, cCard, 'library').decision).toBe('accept');
  });

  it('keeps the imported rules after the terminal is reopened', () => {
    const { authority, terminal, dir } = setup();
    terminal.importText(authority.bundle(rulesBundle(3, withCinemaLimit(5))));
    const reopened = Terminal.open(dir, () => NOW);
    try {
      expect(reopened.rules().version).toBe(3);
      expect(reopened.rules().service('cinema')?.quota?.limit).toBe(5);
    } finally {
      reopened.close();
    }
  });

  it('refuses an equal or lower version as REPLAY and keeps the rules in force', () => {
    const { authority, terminal } = setup();
    terminal.importText(authority.bundle(rulesBundle(2, withCinemaLimit(2))));
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(2, withCinemaLimit(9))), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, withCinemaLimit(9))), 'REPLAY');
    expect(terminal.rules().service('cinema')?.quota?.limit).toBe(2);
  });

  it('refuses version 0, which the built-in rules already hold', () => {
    const { authority, terminal } = setup();
    const result = terminal.importText(authority.bundle(rulesBundle(0, withCinemaLimit(9))));
    expect(result.ok).toBe(false);
    expect(terminal.rules().version).toBe(0);
  });

  it('refuses rules signed by anyone but the bureau (lc-hrss)', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle({ ...rulesBundle(1, withCinemaLimit(99)), iss: 'sd-hrss' }), 'NOT_BUREAU');
    expect(terminal.rules().service('cinema')?.quota?.limit).toBe(12);
  });

  it('refuses invalid rules and changes nothing', () => {
    const { authority, terminal } = setup();
    const dup = (r: typeof DEFAULT_RULES_INPUT) => ({ ...r, services: [...r.services, r.services[0]!] });
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, dup)), 'INVALID');
    const badPolicy = (r: typeof DEFAULT_RULES_INPUT) => ({ ...r, sitePolicyDefaults: { ...r.sitePolicyDefaults, clockToleranceSeconds: 3600 } });
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, badPolicy)), 'INVALID');
    expect(terminal.rules().version).toBe(0);
  });
});

describe('importBundle — jinka/trust (§5)', () => {
  it('replaces the trust list and rotates keys; the old key no longer verifies cards or bundles', () => {
    const { authority, terminal } = setup();
    const lc2 = generateSigningKey('lc-test-2');
    const issuers: TrustedIssuer[] = [{ iss: 'lc-hrss', name: '聊城市人力资源和社会保障局', keys: [lc2.publicJwk] }];
    expect(terminal.importText(authority.bundle(trustBundle(1, issuers)))).toEqual({ ok: true, value: { kind: 'trust', version: 1, issuers: ['lc-hrss'] } });
    expect(decide(terminal, authority.card({}, lc2)).decision).toBe('accept');
    expect(decide(terminal, authority.card()).reasons).toEqual(['UNKNOWN_KEY']);
    expect(decide(terminal, authority.card({ iss: 'sd-hrss', tier: 'A', cat: 1 })).reasons).toEqual(['UNKNOWN_ISSUER']);
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 0, ['X'])), 'UNKNOWN_KEY');
    expect(terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, ['X']), lc2)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(trustBundle(2, [...issuers, authority.trust.issuers[1]!]), lc2)).ok).toBe(true);
    expect(decide(terminal, authority.card({ iss: 'sd-hrss', tier: 'A', cat: 1 })).decision).toBe('accept');
  });

  it('keeps the trust list after the terminal is reopened', () => {
    const { authority, terminal, dir } = setup();
    const lc2 = generateSigningKey('lc-test-2');
    terminal.importText(authority.bundle(trustBundle(1, [{ iss: 'lc-hrss', name: 'LC', keys: [authority.lc.publicJwk, lc2.publicJwk] }])));
    const reopened = Terminal.open(dir, () => NOW);
    try {
      expect(openStores(reopened).trust.issuers()).toEqual([{ iss: 'lc-hrss', name: 'LC', kids: ['lc-test-1', 'lc-test-2'] }]);
      expect(reopened.decide({ token: authority.card({}, lc2), service: 'gym', atMs: NOW, companions: {} }).decision.decision).toBe('accept');
    } finally {
      reopened.close();
    }
  });

  it('refuses an equal or lower version as REPLAY', () => {
    const { authority, terminal } = setup();
    expect(terminal.importText(authority.bundle(trustBundle(1, authority.trust.issuers))).ok).toBe(true);
    expect(terminal.importText(authority.bundle(trustBundle(2, authority.trust.issuers))).ok).toBe(true);
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(2, authority.trust.issuers)), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, authority.trust.issuers)), 'REPLAY');
  });

  it('refuses a trust list signed by another issuer than the bureau', () => {
    const { authority, terminal } = setup();
    const evil = generateSigningKey('sd-evil');
    const payload = { ...trustBundle(1, [{ iss: 'lc-hrss', name: 'x', keys: [evil.publicJwk] }, authority.trust.issuers[1]!]), iss: 'sd-hrss' };
    expectRefusedUnchanged(terminal, authority.bundle(payload, authority.sd), 'NOT_BUREAU');
  });

  it('refuses a trust list signed by a forged bureau key', () => {
    const { authority, terminal } = setup();
    const forger = generateSigningKey(authority.lc.kid);
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, [{ iss: 'lc-hrss', name: 'x', keys: [forger.publicJwk] }]), forger), 'BAD_SIGNATURE');
  });

  it('refuses a list without lc-hrss, after which the old keys still work', () => {
    const { authority, terminal } = setup();
    const sdOnly = [authority.trust.issuers[1]!];
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, sdOnly)), 'NO_BUREAU_KEY');
    expect(decide(terminal, authority.card()).decision).toBe('accept');
    expect(decide(terminal, authority.card({ iss: 'sd-hrss', tier: 'A', cat: 1 })).decision).toBe('accept');
    expect(terminal.importText(authority.bundle(trustBundle(1, authority.trust.issuers))).ok).toBe(true);
  });

  it('refuses a list with a key that is not a P-256 point and changes nothing', () => {
    const { authority, terminal } = setup();
    const broken = [{ ...authority.trust.issuers[0]!, keys: [{ ...authority.lc.publicJwk, x: authority.sd.publicJwk.x }] }];
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, broken)), 'INVALID');
    expect(decide(terminal, authority.card()).decision).toBe('accept');
  });

  it('refuses an empty issuer list', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, [])), 'INVALID');
  });
});

describe('importBundle — audit', () => {
  it('audits every accepted import and no refused one', () => {
    const { authority, terminal } = setup();
    const entries = () => openStores(terminal).db.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE kind = 'import'").get()?.n;
    expect(entries()).toBe(3); // trust file and two lists
    terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, [])));
    terminal.importText(authority.bundle(revocations('lc-hrss', 2, 0, [])));
    expect(entries()).toBe(4);
    expect(verifyAudit(terminal).ok).toBe(true);
  });
});

describe('bundle issue times', () => {
  it('refuses a bundle whose iat lies beyond the year 9999, so a broken hub clock cannot poison the clock guard', () => {
    const { authority, terminal } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(revocations('lc-hrss', 2, 0, [], 8.64e12)), 'INVALID');
    expect(openStores(terminal).meta.latestSeenMs()).toBeLessThan(NOW + 86_400_000);
  });

  it('rejects a card whose exp lies beyond the year 9999 as CLAIMS_INVALID', () => {
    const { authority, terminal } = setup();
    expect(decide(terminal, authority.card({ exp: 253_402_300_800 })).reasons).toEqual(['CLAIMS_INVALID']);
    expect(decide(terminal, authority.card({ exp: 253_402_300_799 })).decision).toBe('accept');
  });
});
