import { afterEach, describe, expect, it } from 'vitest';
import { enrolByQr } from '../../electron/core/sync/enrol-qr.js';
import { checkTrustBundle, checkTrustChain } from '../../electron/core/sync/enrol-trust.js';
import { mintBundle } from '../../node/crypto/card-token.js';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import { generateSigningKey } from '../../node/crypto/keys.js';
import type { TrustPayload } from '../../shared/bundles/bundle-schemas.js';
import { enrolQrText } from '../../shared/sync/enrol-qr.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import type { PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import { makeAuthority, provisionedTerminal } from '../support/fixtures.js';
import { snapshot } from '../support/snapshot.js';
import { FakeHub } from './support/fake-hub.js';

const bureau = generateSigningKey('lc-trust-2026-1');
const attacker = generateSigningKey('lc-trust-2026-1');
const signing = generateSigningKey('lc-2026-1');

/** A trust list with the bureau's trust key and signing key, signed by `by` (under the header kid `kid`). */
function trustBundle(by: typeof bureau, options: { trustUse?: ('card' | 'list' | 'trust')[]; listed?: typeof bureau } = {}): string {
  const listed = options.listed ?? bureau;
  const payload: TrustPayload = {
    iss: 'lc-hrss',
    typ: 'jinka/trust',
    version: 3,
    iat: 1_790_000_000,
    issuers: [{ iss: 'lc-hrss', name: '聊城市人力资源和社会保障局', keys: [{ ...listed.publicJwk, jinka_use: options.trustUse ?? ['trust'] }, { ...signing.publicJwk, jinka_use: ['card', 'list'] }] }],
  };
  return mintBundle(payload, { iss: 'lc-hrss', kid: by.kid, privateKey: by.privateKey });
}

describe('checking the trust list a new terminal fetches against the QR’s thumbprint', () => {
  const thumbprint = jwkThumbprint(bureau.publicJwk);

  it('takes the list the bureau’s trust key signed, with its version', () => {
    expect(checkTrustBundle(trustBundle(bureau), thumbprint)).toMatchObject({ ok: true, value: { version: 3, kid: 'lc-trust-2026-1' } });
  });

  it('refuses a hostile hub’s list: its own key (NO_SUCH_KEY), the bureau’s public key copied in but signed by another (NOT_SIGNED_BY_KEY), the key demoted to cards, garbage', () => {
    // The attacker's own list, signed by its own key named like the bureau's.
    expect(checkTrustBundle(trustBundle(attacker, { listed: attacker }), thumbprint)).toEqual({ ok: false, error: 'NO_SUCH_KEY' });
    // The bureau's public key is public: copied into a list the attacker signs.
    expect(checkTrustBundle(trustBundle(attacker), thumbprint)).toEqual({ ok: false, error: 'NOT_SIGNED_BY_KEY' });
    // Signed by the bureau's signing key, which may not sign trust, although the list names it.
    expect(checkTrustBundle(trustBundle(bureau, { trustUse: ['card'] }), thumbprint)).toEqual({ ok: false, error: 'KEY_MAY_NOT_SIGN_TRUST' });
    expect(checkTrustBundle('not a bundle', thumbprint)).toEqual({ ok: false, error: 'NOT_TRUST_BUNDLE' });
    expect(checkTrustBundle(`${trustBundle(bureau)}${'A'.repeat(300_000)}`, thumbprint)).toEqual({ ok: false, error: 'NOT_TRUST_BUNDLE' });
  });

  it('walks the versions after the anchor as a held terminal takes them: each the next, signed by a trust key of the one before', () => {
    const next = generateSigningKey('lc-trust-2026-2');
    const v = (version: number, by: typeof bureau, listed: typeof bureau) =>
      mintBundle(
        { iss: 'lc-hrss', typ: 'jinka/trust', version, iat: 1_790_000_000, issuers: [{ iss: 'lc-hrss', name: '局', keys: [{ ...listed.publicJwk, jinka_use: ['trust'] }, { ...signing.publicJwk, jinka_use: ['card', 'list'] }] }] },
        { iss: 'lc-hrss', kid: by.kid, privateKey: by.privateKey },
      );
    // A trust-key rotation: version 4 lists only the new key and is signed by the old one, as the hub does.
    expect(checkTrustChain([v(3, bureau, bureau), v(4, bureau, next)], thumbprint)).toMatchObject({ ok: true, value: { version: 4 } });
    expect(checkTrustChain([v(3, bureau, bureau), v(4, bureau, next), v(5, next, next)], thumbprint)).toMatchObject({ ok: true, value: { version: 5 } });
    // A hostile hub appends a version of its own, skips one, or signs the step with a key the anchor does not list.
    expect(checkTrustChain([v(3, bureau, bureau), v(4, attacker, attacker)], thumbprint)).toEqual({ ok: false, error: 'BROKEN_CHAIN' });
    expect(checkTrustChain([v(3, bureau, bureau), v(5, bureau, bureau)], thumbprint)).toEqual({ ok: false, error: 'BROKEN_CHAIN' });
    expect(checkTrustChain([v(3, bureau, bureau), v(4, bureau, next), v(5, bureau, bureau)], thumbprint)).toEqual({ ok: false, error: 'BROKEN_CHAIN' });
    expect(checkTrustChain([], thumbprint)).toEqual({ ok: false, error: 'NOT_TRUST_BUNDLE' });
  });

  it('refuses a chain whose newest version is below the version the QR was printed under: a hostile hub replaying an older genuine version (ROLLED_BACK)', () => {
    const removed = generateSigningKey('lc-2025-1');
    const v = (version: number, card: typeof bureau) =>
      mintBundle(
        { iss: 'lc-hrss', typ: 'jinka/trust', version, iat: 1_790_000_000, issuers: [{ iss: 'lc-hrss', name: '局', keys: [{ ...bureau.publicJwk, jinka_use: ['trust'] }, { ...card.publicJwk, jinka_use: ['card', 'list'] }] }] },
        { iss: 'lc-hrss', kid: bureau.kid, privateKey: bureau.privateKey },
      );
    // v3 still lists a card key the bureau removed in v4; the QR was printed under v4.
    expect(checkTrustChain([v(3, removed)], thumbprint, 4)).toEqual({ ok: false, error: 'ROLLED_BACK' });
    expect(checkTrustChain([v(3, removed), v(4, signing)], thumbprint, 4)).toMatchObject({ ok: true, value: { version: 4 } });
    // A later version than the QR's is fine (the bureau published after printing), and a QR without the member checks nothing more.
    expect(checkTrustChain([v(3, removed), v(4, signing), v(5, signing)], thumbprint, 4)).toMatchObject({ ok: true, value: { version: 5 } });
    expect(checkTrustChain([v(3, removed)], thumbprint)).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('ignores kid, alg and usage in the thumbprint (RFC 7638: the key alone)', () => {
    expect(jwkThumbprint({ ...bureau.publicJwk, kid: 'other' } as typeof bureau.publicJwk)).toBe(thumbprint);
    expect(jwkThumbprint(attacker.publicJwk)).not.toBe(thumbprint);
  });
});

describe('enrolling by QR a terminal that already trusts a bureau', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('refuses a QR whose trust key it does not hold, before anything is sent, and changes nothing', async () => {
    const hub = await new FakeHub().start();
    cleanups.push(() => hub.stop());
    const authority = makeAuthority();
    const { terminal, cleanup } = provisionedTerminal(authority);
    cleanups.push(cleanup);
    const before = snapshot(terminal);
    let created = false;
    const result = await enrolByQr(
      { terminal, create: () => ((created = true), terminal) },
      { qr: enrolQrText({ url: hub.url, token: 'ENROL-CODE-1', thumbprint: jwkThumbprint(bureau.publicJwk) }) },
    );
    expect(result).toEqual({ ok: false, error: { code: 'TRUST', reason: 'TRUST_NOT_HELD' } });
    expect(snapshot(terminal)).toEqual(before);
    expect(created).toBe(false);
    // The code was not spent.
    expect(hub.codes.has('ENROL-CODE-1')).toBe(true);
    expect(hub.terminals.size).toBe(0);
  });

  it('enrols with the code’s site and service when it holds the key, without fetching a list', async () => {
    const hub = await new FakeHub().start();
    cleanups.push(() => hub.stop());
    const authority = makeAuthority();
    const { terminal, cleanup } = provisionedTerminal(authority);
    cleanups.push(cleanup);
    const held = authority.trust.issuers.find((i) => i.iss === 'lc-hrss')?.keys[0];
    if (held === undefined) throw new Error('the test authority has no lc-hrss key');
    const result = await enrolByQr({ terminal, create: () => terminal }, { qr: enrolQrText({ url: hub.url, token: 'ENROL-CODE-1', thumbprint: jwkThumbprint(held) }), terminalId: 'T1' });
    expect(result).toMatchObject({ ok: true, value: { trustPinned: false, enrolment: { terminalId: 'T1', site: '假影城', service: 'cinema' } } });
    expect(hub.terminals.get('T1')).toMatchObject({ service: 'cinema' });
  });
});

describe('enrolling by QR against a hub that replays an older genuine trust version', () => {
  it('refuses before the code is spent when the chain ends below the QR’s jinka_trust_min_version, and creates nothing', async () => {
    const removed = generateSigningKey('lc-2025-1');
    const v3 = mintBundle(
      { iss: 'lc-hrss', typ: 'jinka/trust', version: 3, iat: 1_790_000_000, issuers: [{ iss: 'lc-hrss', name: '局', keys: [{ ...bureau.publicJwk, jinka_use: ['trust'] }, { ...removed.publicJwk, jinka_use: ['card', 'list'] }] }] },
      { iss: 'lc-hrss', kid: bureau.kid, privateKey: bureau.privateKey },
    );
    const asked: string[] = [];
    // The hostile hub: the bureau's public v3 (still listing the removed card key), and it would take any code.
    const hostile: typeof fetch = (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      asked.push(url.pathname);
      const body = url.pathname === '/v1/enrol/trust' ? { hubTime: 1_790_000_000, chain: [v3] } : { terminalId: 'T1', hubTime: 1_790_000_000, site: '假影城', service: 'cinema' };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    };
    let created = false;
    const qr = enrolQrText({ url: 'https://hub.example.gov.cn', token: 'ENROL-CODE-1', thumbprint: jwkThumbprint(bureau.publicJwk), trustMinVersion: 4 });
    const result = await enrolByQr({ terminal: undefined, create: () => ((created = true), {} as never) }, { qr, terminalId: 'T1', fetch: hostile });
    expect(result).toEqual({ ok: false, error: { code: 'TRUST', reason: 'TRUST_REFUSED', problem: 'ROLLED_BACK' } });
    expect(created).toBe(false);
    expect(asked).toEqual(['/v1/enrol/trust']);
  });
});

describe('enrolling by QR against a hub that replays the bureau’s current public list (a forged QR naming a hostile hub)', () => {
  const v3 = mintBundle(
    { iss: 'lc-hrss', typ: 'jinka/trust', version: 3, iat: 1_790_000_000, issuers: [{ iss: 'lc-hrss', name: '局', keys: [{ ...bureau.publicJwk, jinka_use: ['trust'] }, { ...signing.publicJwk, jinka_use: ['card', 'list'] }] }] },
    { iss: 'lc-hrss', kid: bureau.kid, privateKey: bureau.privateKey },
  );
  /** A hub answering the public chain [v3] and taking any code; `ack` makes its acknowledgement from the request. */
  const hostileHub = (ack: (request: { terminalId: string; publicJwk: PublicJwk }) => string | undefined) => {
    const asked: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      asked.push(url.pathname);
      if (url.pathname === '/v1/enrol/trust') return new Response(JSON.stringify({ hubTime: 1_790_000_000, chain: [v3] }), { status: 200, headers: { 'content-type': 'application/json' } });
      const text = typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.text() : '{}';
      const request = JSON.parse(text) as { terminalId: string; publicJwk: PublicJwk; ack?: true };
      asked.push(request.ack === true ? 'ack asked' : 'ack not asked');
      const signed = ack(request);
      const body = { terminalId: request.terminalId, hubTime: 1_790_000_000, site: '假影城', service: 'cinema', ...(signed !== undefined && { ack: signed }) };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    return { fetchFn, asked };
  };
  const ackBy = (key: typeof bureau, over: Record<string, unknown> = {}) => (r: { terminalId: string; publicJwk: PublicJwk }) =>
    signEs256({ iss: 'lc-hrss', typ: 'jinka/enrol-ack', terminal: r.terminalId, jkt: jwkThumbprint(r.publicJwk), site: '假影城', service: 'cinema', trust_version: 3, iat: 1_790_000_000, ...over }, key.privateKey, key.kid);
  const enrolAt = async (fetchFn: typeof fetch) => {
    let created = false;
    const qr = enrolQrText({ url: 'https://hub.example.gov.cn', token: 'ENROL-CODE-1', thumbprint: jwkThumbprint(bureau.publicJwk), trustMinVersion: 3 });
    const result = await enrolByQr({ terminal: undefined, create: () => ((created = true), {} as never) }, { qr, terminalId: 'T1', fetch: fetchFn });
    return { result, created };
  };

  it('asks for the signed answer and refuses one that is missing, signed by another key, or names another terminal key, site or service (NOT_ACKED), creating nothing', async () => {
    const cases = [() => undefined, ackBy(attacker), ackBy(signing, { jkt: jwkThumbprint(attacker.publicJwk) }), ackBy(signing, { terminal: 'T2' }), ackBy(signing, { service: 'bus' }), ackBy(bureau, { typ: 'jinka/audit-ack' })];
    for (const ack of cases) {
      const hub = hostileHub(ack);
      const { result, created } = await enrolAt(hub.fetchFn);
      expect(result).toEqual({ ok: false, error: { code: 'TRUST', reason: 'TRUST_REFUSED', problem: 'NOT_ACKED' } });
      expect(created).toBe(false);
      expect(hub.asked).toEqual(['/v1/enrol/trust', '/v1/enrol', 'ack asked']);
    }
  });

  it('refuses a genuine answer relayed from the real hub that names a newer trust version than the chain served (ROLLED_BACK)', async () => {
    const { result, created } = await enrolAt(hostileHub(ackBy(signing, { trust_version: 4 })).fetchFn);
    expect(result).toEqual({ ok: false, error: { code: 'TRUST', reason: 'TRUST_REFUSED', problem: 'ROLLED_BACK' } });
    expect(created).toBe(false);
  });
});
