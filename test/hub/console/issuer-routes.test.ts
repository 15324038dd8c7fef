import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIssuerKeys } from '../../../hub/publish/foreign-issuers.js';
import { jwkThumbprint } from '../../../node/crypto/jwk-thumbprint.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import { generateSigningKey, type SigningKey } from '../../../node/crypto/keys.js';
import type { IssuerPreviewResponse, IssuerRegisterResponse, RelayResponse } from '../../../shared/console/key-api.js';
import { bundlesResponseSchema } from '../../../shared/sync/sync-protocol.js';
import { enrol } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

const keysText = (...keys: { publicJwk: object }[]): string => JSON.stringify(keys.map((k) => ({ ...k.publicJwk, jinka_use: ['card', 'list'] })));
const upload = (text: string, iss = 'sd-hrss', name = '山东省惠才卡') => ({ iss, name, fileName: 'sd-hrss-keys.json', text });

/** The trust list in force, as terminals get it. */
async function trustIssuers(b: Bench): Promise<{ iss: string; keys: { kid: string }[] }[]> {
  const latest = await b.hub.store.bundles.latest('jinka/trust');
  return JSON.parse(latest?.body ?? '[]') as { iss: string; keys: { kid: string }[] }[];
}

/**
 * Issue 11: foreign issuers (the province's Huicai card) registered and their lists relayed from
 * the console's Keys and issuers page, through the same functions as `jinka-hub issuer add|relay`.
 */
describe('console: register a foreign issuer (preview, then confirm) and relay its revocation lists', () => {
  let b: Bench;
  let k1: SigningKey;
  let k2: SigningKey;
  beforeEach(async () => {
    b = await consoleBench();
    k1 = generateSigningKey('sd-1');
    k2 = generateSigningKey('sd-2');
  });
  afterEach(async () => {
    await b.cleanup();
  });

  const register = async (text: string, iss = 'sd-hrss'): Promise<IssuerRegisterResponse> => {
    const admin = await b.as('admin');
    const preview = (await b.post(admin, '/issuers/preview', upload(text, iss))).json<IssuerPreviewResponse>();
    const res = await b.post(admin, '/issuers/register', { ...upload(text, iss), previewToken: preview.previewToken });
    expect(res.statusCode).toBe(201);
    return res.json<IssuerRegisterResponse>();
  };

  it('previews the thumbprints and the change, publishes nothing until confirmed, then publishes a trust version naming the keys; logs iss and thumbprints, never the file', async () => {
    const admin = await b.as('admin');
    const text = keysText(k1, k2);
    const before = (await b.hub.store.bundles.latestVersion('jinka/trust')) ?? 0;
    const res = await b.post(admin, '/issuers/preview', upload(text));
    expect(res.statusCode).toBe(200);
    const p = res.json<IssuerPreviewResponse>();
    expect(p).toMatchObject({ iss: 'sd-hrss', name: '山东省惠才卡', nameBefore: null, change: 'new', baseVersion: before });
    expect(p.keys).toEqual([
      { kid: 'sd-1', change: 'added', usage: ['card', 'list'], thumbprint: jwkThumbprint(k1.publicJwk) },
      { kid: 'sd-2', change: 'added', usage: ['card', 'list'], thumbprint: jwkThumbprint(k2.publicJwk) },
    ]);
    expect(await b.hub.store.issuers.list()).toEqual([]);
    expect(await b.hub.store.bundles.latestVersion('jinka/trust')).toBe(before);

    const done = await b.post(admin, '/issuers/register', { ...upload(text), previewToken: p.previewToken });
    expect(done.statusCode).toBe(201);
    expect(done.json<IssuerRegisterResponse>()).toEqual({ iss: 'sd-hrss', trustVersion: before + 1, thumbprints: [jwkThumbprint(k1.publicJwk), jwkThumbprint(k2.publicJwk)] });
    expect((await trustIssuers(b)).find((i) => i.iss === 'sd-hrss')?.keys.map((k) => k.kid)).toEqual(['sd-1', 'sd-2']);

    const log = await b.hub.store.staffLog.list(0, 1000);
    const entry = log.find((e) => e.action === 'issuer.register');
    expect(entry).toMatchObject({ staffId: 'admin', target: 'sd-hrss' });
    expect(entry?.outcome).toContain(jwkThumbprint(k1.publicJwk).slice(0, 16));
    expect(entry?.outcome).toContain(jwkThumbprint(k2.publicJwk).slice(0, 16));
    for (const e of log) expect(`${e.target ?? ''} ${e.outcome}`).not.toContain(k1.publicJwk.x);

    // Rotating the province's keys: the preview says what is added and what leaves the trust list.
    const k3 = generateSigningKey('sd-3');
    const next = (await b.post(admin, '/issuers/preview', upload(keysText(k2, k3)))).json<IssuerPreviewResponse>();
    expect(next.change).toBe('update');
    expect(next.nameBefore).toBe('山东省惠才卡');
    expect(next.keys.map((k) => [k.kid, k.change])).toEqual([
      ['sd-2', 'kept'],
      ['sd-3', 'added'],
      ['sd-1', 'removed'],
    ]);
  });

  it('refuses a confirm with another preview’s token, with content changed since the preview, or after the trust list moved', async () => {
    const admin = await b.as('admin');
    const text = keysText(k1);
    const p = (await b.post(admin, '/issuers/preview', upload(text))).json<IssuerPreviewResponse>();
    const other = (await b.post(admin, '/issuers/preview', upload(keysText(k2)))).json<IssuerPreviewResponse>();
    const refusals = [
      await b.post(admin, '/issuers/register', { ...upload(text), previewToken: other.previewToken }),
      await b.post(admin, '/issuers/register', { ...upload(`${text} `), previewToken: p.previewToken }),
      await b.post(admin, '/issuers/register', { ...upload(text, 'sd-hrss', '别的名称'), previewToken: p.previewToken }),
      await b.post(admin, '/issuers/register', { ...upload(text, 'other-iss'), previewToken: p.previewToken }),
    ];
    for (const r of refusals) expect([r.statusCode, r.json<{ error: string }>().error]).toEqual([409, 'PREVIEW_MISMATCH']);
    expect((await b.hub.store.issuers.list()).map((i) => i.iss)).not.toContain('sd-hrss');

    // The trust list changed after the preview (a key rotated, another issuer registered): what was shown is no longer the change.
    await register(keysText(generateSigningKey('js-1')), 'js-hrss');
    const late = await b.post(admin, '/issuers/register', { ...upload(text), previewToken: p.previewToken });
    expect(late.json()).toMatchObject({ error: 'PREVIEW_STALE' });
    expect((await trustIssuers(b)).map((i) => i.iss)).not.toContain('sd-hrss');
  });

  it('lets neither an officer nor an auditor preview or register an issuer', async () => {
    const admin = await b.as('admin');
    const text = keysText(k1);
    const p = (await b.post(admin, '/issuers/preview', upload(text))).json<IssuerPreviewResponse>();
    for (const role of ['officer', 'auditor'] as const) {
      const who = await b.as(role);
      for (const [path, body] of [
        ['/issuers/preview', upload(text)],
        ['/issuers/register', { ...upload(text), previewToken: p.previewToken }],
      ] as const) {
        const r = await b.post(who, path, body);
        expect([r.statusCode, r.json<{ error: string }>().error]).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect((await b.hub.store.issuers.list()).map((i) => i.iss)).not.toContain('sd-hrss');
  });

  it('refuses the bureau’s own iss, a bureau key under another name, an empty key set, private key material, an oversized file, a PEM, and a name or iss that would read as another', async () => {
    const admin = await b.as('admin');
    const bureauKey = (await b.hub.store.keys.list())[0];
    if (bureauKey === undefined) throw new Error('the test hub has no key');
    const cases: [object, number, string][] = [
      [upload(keysText(k1), b.hub.settings.iss), 409, 'ISSUER_NOT_FOREIGN'],
      [upload(JSON.stringify({ ...bureauKey.publicJwk, kid: 'sd-innocent' })), 409, 'ISSUER_NOT_FOREIGN'],
      [upload('[]'), 400, 'ISSUER_KEYS_REFUSED'],
      [upload(JSON.stringify({ issuers: [{ iss: 'sd-hrss', name: 'x', keys: [] }] })), 400, 'ISSUER_KEYS_REFUSED'],
      [upload(JSON.stringify([{ ...k1.publicJwk, d: 'c2VjcmV0LXByaXZhdGUtc2NhbGFyLW5vdC1zaGFyZWQ' }])), 400, 'ISSUER_KEYS_REFUSED'],
      [upload(`${keysText(k1)}${' '.repeat(40 * 1024)}`), 400, 'BAD_REQUEST'],
      [upload(keysText(k1), 'sd-hrss', '山东省\u202e卡才惠'), 400, 'BAD_REQUEST'],
      [upload(keysText(k1), 'sd hrss\n'), 400, 'BAD_REQUEST'],
      [upload('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n'), 400, 'ISSUER_KEYS_REFUSED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await b.post(admin, '/issuers/preview', body);
      expect([r.statusCode, r.json<{ error: string }>().error], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
    }
    expect(await b.hub.store.issuers.list()).toEqual([]);
  });

  it('readIssuerKeys (and so `jinka-hub issuer add`) refuses a file holding a private key, wherever the JWK sits', () => {
    const d = { d: 'c2VjcmV0LXByaXZhdGUtc2NhbGFyLW5vdC1zaGFyZWQ' };
    for (const text of [
      JSON.stringify({ ...k1.publicJwk, ...d }),
      JSON.stringify([k2.publicJwk, { ...k1.publicJwk, ...d }]),
      JSON.stringify({ issuers: [{ iss: 'sd-hrss', name: 'x', keys: [{ ...k1.publicJwk, ...d }] }] }),
    ]) {
      const read = readIssuerKeys('sd-hrss', text);
      expect(read).toMatchObject({ ok: false, error: expect.stringMatching(/private/) as unknown });
    }
    expect(readIssuerKeys('sd-hrss', JSON.stringify(k1.publicJwk)).ok).toBe(true);
  });

  it('relays a registered issuer’s signed list (officer), served to terminals; a forged or unregistered list is refused and nothing stored', async () => {
    await register(keysText(k1));
    const officer = await b.as('officer');
    const iat = Math.floor(b.clock() / 1000);
    const list = (iss: string, seq: number, key: SigningKey) => signEs256({ iss, typ: 'jinka/revocations', seq, base: 0, iat, revoked: [{ sub: 'SD-LOST-1' }] }, key.privateKey, key.kid);
    const forger = generateSigningKey('sd-1');
    const refusals = [
      await b.post(officer, '/issuers/relay', { fileName: 'forged.jws', text: list('sd-hrss', 3, forger) }),
      await b.post(officer, '/issuers/relay', { fileName: 'unknown.jws', text: list('js-hrss', 3, k1) }),
      await b.post(officer, '/issuers/relay', { fileName: 'garbage.jws', text: 'not a bundle' }),
    ];
    expect(refusals.map((r) => [r.statusCode, r.json<{ error: string; message: string }>().error])).toEqual([
      [400, 'RELAY_REFUSED'],
      [400, 'RELAY_REFUSED'],
      [400, 'RELAY_REFUSED'],
    ]);
    expect(refusals[0]?.json<{ message: string }>().message).toMatch(/signature/);
    expect(refusals[1]?.json<{ message: string }>().message).toMatch(/not registered/);
    expect(await b.hub.store.bundles.relayedHeads()).toEqual([]);

    const good = await b.post(officer, '/issuers/relay', { fileName: 'sd-hrss-3.jws', text: `${list('sd-hrss', 3, k1)}\n` });
    expect(good.statusCode).toBe(201);
    expect(good.json<RelayResponse>()).toEqual({ iss: 'sd-hrss', seq: 3, base: 0 });
    const log = await b.hub.store.staffLog.list(0, 1000);
    expect(log.find((e) => e.action === 'issuer.relay' && e.outcome.startsWith('ok'))).toMatchObject({ staffId: 'officer', target: 'sd-hrss', outcome: 'ok:seq 3' });

    const auditor = await b.as('auditor');
    expect((await b.post(auditor, '/issuers/relay', { fileName: 'x.jws', text: list('sd-hrss', 4, k1) })).json()).toMatchObject({ error: 'FORBIDDEN' });

    const terminal = await enrol(b.hub, 'T1', '东昌影城');
    const url = '/v1/bundles?revocations=sd-hrss:0&rules=99&trust=99';
    const served = await b.app.inject({ method: 'GET', url, headers: { authorization: terminal.auth(b.clock(), { method: 'GET', target: url }) } });
    const payloads = bundlesResponseSchema
      .parse(served.json())
      .bundles.map((jws) => JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString()) as { iss: string; seq?: number });
    expect(payloads.filter((p) => p.iss === 'sd-hrss').map((p) => p.seq)).toEqual([3]);
  });
});
