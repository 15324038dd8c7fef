import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, type SigningKey } from '../../../node/crypto/keys.js';
import { Terminal } from '../../../electron/core/terminal.js';
import type { IssuerReset, KeyUse, PublicJwk, TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import { DEFAULT_RULES_INPUT } from '../../../shared/rules/default-rules.js';
import { at, makeAuthority, sec, tempDir } from '../../support/fixtures.js';
import { snapshot } from '../../support/snapshot.js';
import { listSeq, openStores } from '../../support/stores.js';
import { terminalStatus } from '../../../electron/core/terminal-reports.js';

const NOW = at('2026-06-01T10:00:00+08:00');
const IAT = sec('2026-06-01T09:30:00+08:00');
const LC_NAME = '聊城市人力资源和社会保障局';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const withUse = (key: SigningKey, use: KeyUse[]): PublicJwk => ({ ...key.publicJwk, jinka_use: use });

/**
 * A bureau as the hub runs it now: a trust key, a current key for cards and lists, and an
 * older key kept only for the cards it signed (§5 "Key usage").
 */
function bureau() {
  const authority = makeAuthority();
  const trustKey = generateSigningKey('lc-trust-2026-1');
  const current = generateSigningKey('lc-2026-2');
  const old = generateSigningKey('lc-2026-1');
  const lcKeys = [withUse(old, ['card']), withUse(current, ['card', 'list']), withUse(trustKey, ['trust'])];
  const lcIssuer = (keys: PublicJwk[] = lcKeys, reset?: IssuerReset): TrustedIssuer => ({ iss: 'lc-hrss', name: LC_NAME, keys, ...(reset && { reset }) });
  const sdIssuer = authority.trust.issuers[1] as TrustedIssuer;
  return { authority, trustKey, current, old, lcKeys, lcIssuer, sdIssuer };
}
type Bureau = ReturnType<typeof bureau>;

function setup(b: Bureau = bureau(), trustVersion?: number) {
  const { dir, cleanup } = tempDir();
  const terminal = Terminal.create(dir, () => NOW);
  cleanups.push(() => {
    terminal.close();
    cleanup();
  });
  const file = { issuers: [b.lcIssuer(), b.sdIssuer], ...(trustVersion !== undefined && { version: trustVersion }) };
  const provisioned = terminal.importText(JSON.stringify(file));
  if (!provisioned.ok) throw new Error(provisioned.error.message);
  const list = terminal.importText(b.authority.bundle(revocations(1, 0, []), b.current));
  if (!list.ok) throw new Error(list.error.message);
  return { ...b, terminal };
}

const revocations = (seq: number, base: number, subs: string[]) => ({
  iss: 'lc-hrss', typ: 'jinka/revocations', seq, base, iat: IAT, revoked: subs.map((sub) => ({ sub, at: IAT, reason: 'Art. 34' })),
});
const rulesBundle = (version: number, cinemaLimit = 12) => ({
  iss: 'lc-hrss', typ: 'jinka/rules', version, iat: IAT,
  rules: { ...DEFAULT_RULES_INPUT, services: DEFAULT_RULES_INPUT.services.map((s) => (s.id === 'cinema' ? { ...s, quota: { period: 'card_year' as const, limit: cinemaLimit, periods: 3 } } : s)) },
});
const trustBundle = (version: number, issuers: TrustedIssuer[]) => ({ iss: 'lc-hrss', typ: 'jinka/trust', version, iat: IAT, issuers });

const decide = (terminal: Terminal, token: string, service = 'gym') => terminal.decide({ token, service, atMs: NOW, companions: {} }).decision;

function expectRefusedUnchanged(terminal: Terminal, text: string, code: string): void {
  const before = snapshot(terminal);
  const rulesBefore = terminal.rules();
  expect(terminal.importText(text)).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(terminal)).toEqual(before);
  expect(terminal.rules()).toBe(rulesBefore);
}

describe('key usage (§5 jinka_use)', () => {
  it('answers UNKNOWN_KEY for a card signed by a key that may not sign cards', () => {
    const { authority, terminal, trustKey, current, old } = setup();
    expect(decide(terminal, authority.card({}, trustKey))).toMatchObject({ decision: 'reject', reasons: ['UNKNOWN_KEY'], card: null });
    expect(decide(terminal, authority.card({}, old)).decision).toBe('accept');
    expect(decide(terminal, authority.card({}, current)).decision).toBe('accept');
  });

  it('refuses a revocation list or rules signed by a key kept only for cards, and one signed by the trust key', () => {
    const { authority, terminal, old, trustKey, current } = setup();
    const card = authority.card({}, current);
    // The issue: an old key that still verifies old cards must not un-revoke or lock out anything.
    expect(terminal.importText(authority.bundle(revocations(2, 0, ['LC-A-000123']), current)).ok).toBe(true);
    expectRefusedUnchanged(terminal, authority.bundle(revocations(3, 0, []), old), 'WRONG_KEY_USE');
    expectRefusedUnchanged(terminal, authority.bundle(revocations(Number.MAX_SAFE_INTEGER, 0, []), old), 'WRONG_KEY_USE');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, 99), old), 'WRONG_KEY_USE');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, 99), trustKey), 'WRONG_KEY_USE');
    expect(decide(terminal, card).reasons).toEqual(['REVOKED']);
  });

  it('refuses a trust bundle signed by a key without trust usage, and takes one signed by the trust key', () => {
    const { authority, terminal, old, current, trustKey, lcIssuer, sdIssuer } = setup();
    const evil = generateSigningKey('lc-evil');
    const takeover = trustBundle(1, [lcIssuer([withUse(evil, ['card', 'list', 'trust'])]), sdIssuer]);
    expectRefusedUnchanged(terminal, authority.bundle(takeover, old), 'WRONG_KEY_USE');
    expectRefusedUnchanged(terminal, authority.bundle(takeover, current), 'WRONG_KEY_USE');
    expect(terminal.importText(authority.bundle(trustBundle(1, [lcIssuer(), sdIssuer]), trustKey))).toMatchObject({ ok: true, value: { kind: 'trust', version: 1 } });
  });

  it('refuses a trust list without an lc-hrss key that may sign trust (the terminal could never be updated again)', () => {
    const { authority, terminal, old, current, trustKey, lcIssuer, sdIssuer } = setup();
    const noTrustKey = [withUse(old, ['card']), withUse(current, ['card', 'list'])];
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, [lcIssuer(noTrustKey), sdIssuer]), trustKey), 'NO_BUREAU_KEY');
    // sd-hrss keys may sign anything, but only the bureau may sign trust.
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, [sdIssuer]), trustKey), 'NO_BUREAU_KEY');
    expect(decide(terminal, authority.card({}, current)).decision).toBe('accept');
  });

  it('hands out a key kept only for cards for card checks alone (bundles, acknowledgements)', () => {
    const { terminal, old } = setup();
    expect(openStores(terminal).trust.key('lc-hrss', old.kid, 'card')).toBeDefined();
    expect(openStores(terminal).trust.key('lc-hrss', old.kid, 'list')).toBeUndefined();
    expect(openStores(terminal).trust.key('lc-hrss', old.kid, 'trust')).toBeUndefined();
  });
});

describe('bounded steps (§5)', () => {
  it('takes trust version held + 1 only', () => {
    const { authority, terminal, trustKey, lcIssuer, sdIssuer } = setup();
    const issuers = [lcIssuer(), sdIssuer];
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(2, issuers), trustKey), 'TOO_FAR');
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(Number.MAX_SAFE_INTEGER, issuers), trustKey), 'TOO_FAR');
    expect(terminal.importText(authority.bundle(trustBundle(1, issuers), trustKey)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(trustBundle(2, issuers), trustKey)).ok).toBe(true);
  });

  it('starts the trust chain after the version a hub-written trust file names', () => {
    const { authority, terminal, trustKey, lcIssuer, sdIssuer } = setup(bureau(), 7);
    expect(terminalStatus(terminal).trustVersion).toBe(7);
    const issuers = [lcIssuer(), sdIssuer];
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(7, issuers), trustKey), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(9, issuers), trustKey), 'TOO_FAR');
    expect(terminal.importText(authority.bundle(trustBundle(8, issuers), trustKey)).ok).toBe(true);
  });

  it('takes rules with held < version ≤ held + 100', () => {
    const { authority, terminal, current } = setup();
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(101, 2), current), 'TOO_FAR');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(Number.MAX_SAFE_INTEGER, 2), current), 'TOO_FAR');
    expect(terminal.importText(authority.bundle(rulesBundle(100, 2), current))).toMatchObject({ ok: true, value: { version: 100 } });
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(201, 3), current), 'TOO_FAR');
    expect(terminal.importText(authority.bundle(rulesBundle(200, 3), current)).ok).toBe(true);
    expect(terminal.rules().service('cinema')?.quota?.limit).toBe(3);
  });

  it('takes a full list with held < seq ≤ held + 100000, and bounds a delta the same way', () => {
    const { authority, terminal, current } = setup(); // holds seq 1
    expectRefusedUnchanged(terminal, authority.bundle(revocations(100_002, 0, []), current), 'TOO_FAR');
    expectRefusedUnchanged(terminal, authority.bundle(revocations(Number.MAX_SAFE_INTEGER, 0, []), current), 'TOO_FAR');
    expectRefusedUnchanged(terminal, authority.bundle(revocations(100_002, 1, []), current), 'TOO_FAR');
    expect(terminal.importText(authority.bundle(revocations(100_001, 0, ['X1']), current)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations(100_002, 100_001, ['X2']), current)).ok).toBe(true);
    expect(listSeq(terminal, 'lc-hrss')).toBe(100_002);
  });
});

describe('reset after a leaked list key (§5 compatible extension)', () => {
  /** What an attacker with the current list key does: pushes the counters as far as one step allows, un-revokes, rewrites rules. */
  function abused() {
    const s = setup();
    const { authority, terminal, current } = s;
    expect(terminal.importText(authority.bundle(revocations(2, 1, ['LC-A-000123']), current)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(rulesBundle(1), current)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations(100_002, 0, []), current)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(rulesBundle(101, 1000), current)).ok).toBe(true);
    expect(decide(s.terminal, authority.card({}, current)).decision).toBe('accept');
    return s;
  }

  it('without a reset, the bureau\'s next list and rules are refused', () => {
    const { authority, terminal } = abused();
    const next = generateSigningKey('lc-2026-3');
    expectRefusedUnchanged(terminal, authority.bundle(revocations(3, 0, ['LC-A-000123']), next), 'UNKNOWN_KEY');
  });

  it('a trust version dropping the leaked key with a reset lets the next full list and rules apply', () => {
    const { authority, terminal, trustKey, old, current, lcIssuer, sdIssuer } = abused();
    const next = generateSigningKey('lc-2026-3');
    const keys = [withUse(old, ['card']), withUse(next, ['card', 'list']), withUse(trustKey, ['trust'])];
    const reset = { epoch: 1, revocations_from: 3, rules_from: 2 };
    expect(terminal.importText(authority.bundle(trustBundle(1, [lcIssuer(keys, reset), sdIssuer]), trustKey)).ok).toBe(true);
    // The leaked key's rules no longer hold; its cards no longer verify; its lists are refused.
    expect(terminal.rules().version).toBe(0);
    expect(terminal.rules().service('cinema')?.quota?.limit).toBe(12);
    expect(decide(terminal, authority.card({}, current)).reasons).toEqual(['UNKNOWN_KEY']);
    // The revoked card stays revoked until a full list replaces the list: the attacker's un-revoke is undone only by the bureau's list.
    expect(listSeq(terminal, 'lc-hrss')).toBe(0);
    // A replayed older list of the bureau (below revocations_from) is refused; so is a delta.
    expectRefusedUnchanged(terminal, authority.bundle(revocations(2, 0, []), next), 'REPLAY');
    expectRefusedUnchanged(terminal, authority.bundle(revocations(4, 3, []), next), 'GAP');
    expect(terminal.importText(authority.bundle(revocations(3, 0, ['LC-A-000123']), next))).toMatchObject({ ok: true, value: { seq: 3, base: 0 } });
    expect(decide(terminal, authority.card({ sub: 'LC-A-000123' }, old)).reasons).toEqual(['REVOKED']);
    expect(decide(terminal, authority.card({ sub: 'LC-A-000124' }, old)).decision).toBe('accept');
    expectRefusedUnchanged(terminal, authority.bundle(rulesBundle(1, 5), next), 'REPLAY');
    expect(terminal.importText(authority.bundle(rulesBundle(2, 6), next))).toMatchObject({ ok: true, value: { version: 2 } });
    expect(terminal.rules().service('cinema')?.quota?.limit).toBe(6);
    // Deltas on top of the new sequence apply again.
    expect(terminal.importText(authority.bundle(revocations(4, 3, ['LC-A-000125']), next)).ok).toBe(true);
  });

  it('applies a reset once: a later trust version with the same epoch keeps the counters', () => {
    const { authority, terminal, trustKey, old, lcIssuer, sdIssuer } = abused();
    const next = generateSigningKey('lc-2026-3');
    const keys = [withUse(old, ['card']), withUse(next, ['card', 'list']), withUse(trustKey, ['trust'])];
    const reset = { epoch: 1, revocations_from: 3, rules_from: 2 };
    expect(terminal.importText(authority.bundle(trustBundle(1, [lcIssuer(keys, reset), sdIssuer]), trustKey)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(revocations(5, 0, []), next)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(rulesBundle(3), next)).ok).toBe(true);
    expect(terminal.importText(authority.bundle(trustBundle(2, [lcIssuer(keys, reset), sdIssuer]), trustKey)).ok).toBe(true);
    expect(listSeq(terminal, 'lc-hrss')).toBe(5);
    expect(terminal.rules().version).toBe(3);
    expectRefusedUnchanged(terminal, authority.bundle(revocations(4, 0, []), next), 'REPLAY');
  });

  it('is refused inside a trust bundle signed by a key without trust usage', () => {
    const { authority, terminal, current, lcIssuer, sdIssuer } = abused();
    const reset = { epoch: 1, revocations_from: 1, rules_from: 1 };
    expectRefusedUnchanged(terminal, authority.bundle(trustBundle(1, [lcIssuer(undefined, reset), sdIssuer]), current), 'WRONG_KEY_USE');
  });
});
