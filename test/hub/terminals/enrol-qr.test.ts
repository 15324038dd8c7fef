import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHubCli } from '../../../hub/cli/main.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { createIssuerKey, trustKeyOf } from '../../../hub/keys/key-ring.js';
import { refreshTrust } from '../../../hub/publish/versioned-bundles.js';
import { checkEnrolAck, checkTrustChain } from '../../../electron/core/sync/enrol-trust.js';
import { startHubServer } from '../../../hub/server/hub-server.js';
import { createEnrolCode, enrolQrFor } from '../../../hub/terminals/enrolment.js';
import { jwkThumbprint } from '../../../node/crypto/jwk-thumbprint.js';
import { publicKeyFromJwk, generateSigningKey } from '../../../node/crypto/keys.js';
import { verifyCompactEs256 } from '../../../node/crypto/es256-verify.js';
import { parseEnrolQr } from '../../../shared/sync/enrol-qr.js';
import { enrolResponseSchema, enrolTrustResponseSchema } from '../../../shared/sync/sync-protocol.js';
import { z } from 'zod';
import { cleanupAfterEach, PASSPHRASE, testHub } from '../hub-fixtures.js';

/** The enrolment answer as a terminal of the version before this one parses it (strict, two fields). */
const olderEnrolResponseSchema = z.strictObject({ terminalId: z.string(), hubTime: z.number().int() });

describe('the enrolment QR and the routes a QR-enrolled terminal uses', () => {
  const later = cleanupAfterEach();
  const serve = async () => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0 }, () => undefined);
    later(() => server.close());
    return { ...made, server };
  };
  const post = (url: string, body: unknown): Promise<Response> =>
    fetch(`${url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("names the hub, the code and the thumbprint of the bureau's trust key, which signed the trust list GET /v1/enrol/trust hands out unauthenticated", async () => {
    const { hub, server } = await serve();
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const qr = parseEnrolQr(await enrolQrFor(hub, server.url, code));
    expect(qr.ok).toBe(true);
    if (!qr.ok) return;
    const trustKey = trustKeyOf(await hub.store.keys.list(), 'lc-hrss');
    expect(qr.value).toEqual({ handshake_version: 1, url: server.url, token: code, jinka_trust_key_thumbprint: jwkThumbprint(trustKey?.publicJwk ?? generateSigningKey('x').publicJwk), jinka_trust_min_version: 1 });

    const answer = await fetch(`${server.url}/v1/enrol/trust?key=${qr.value.jinka_trust_key_thumbprint}`);
    expect(answer.status).toBe(200);
    const { chain } = enrolTrustResponseSchema.parse(await answer.json());
    expect(chain).toHaveLength(1);
    const trust = chain[0] ?? '';
    const verified = verifyCompactEs256(trust, publicKeyFromJwk(trustKey?.publicJwk ?? generateSigningKey('x').publicJwk));
    expect(verified?.header.kid).toBe(trustKey?.kid);
    expect(verified?.payload).toMatchObject({ typ: 'jinka/trust', iss: 'lc-hrss' });
  });

  it('after the trust key is rotated, names the key that signed the newest trust version, which a new terminal can check', async () => {
    const { hub, server } = await serve();
    await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, hub.now(), false, 'trust');
    const rotated = await refreshTrust(hub);
    expect(rotated?.version).toBe(2);
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    const qr = parseEnrolQr(await enrolQrFor(hub, server.url, code));
    if (!qr.ok) throw new Error(qr.error);
    const { chain } = enrolTrustResponseSchema.parse(await (await fetch(`${server.url}/v1/enrol/trust?key=${qr.value.jinka_trust_key_thumbprint}`)).json());
    // The anchor is version 1 (signed by the first trust key, which it lists); version 2 follows, signed by that key.
    expect(chain).toHaveLength(2);
    expect(checkTrustChain(chain, qr.value.jinka_trust_key_thumbprint)).toMatchObject({ ok: true, value: { version: 2 } });
    // The QR carries the version in force (2): a hostile hub behind a forged QR that serves only the genuine version 1 is refused.
    expect(qr.value.jinka_trust_min_version).toBe(2);
    expect(checkTrustChain(chain.slice(0, 1), qr.value.jinka_trust_key_thumbprint, qr.value.jinka_trust_min_version)).toEqual({ ok: false, error: 'ROLLED_BACK' });
    // A thumbprint no version is anchored by is 404, and a malformed one 400.
    expect((await fetch(`${server.url}/v1/enrol/trust?key=${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/enrol/trust?key=${'A'.repeat(5000)}`)).status).toBe(400);
  });

  it("enrols a terminal that names no site or service under the code's, and tells it them; an older terminal's request gets the answer its strict schema takes", async () => {
    const { hub, server } = await serve();
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const fresh = await post(server.url, { code, terminalId: 'T1', publicJwk: generateSigningKey('T1').publicJwk });
    expect(fresh.status).toBe(200);
    const freshAnswer = enrolResponseSchema.parse(await fresh.json());
    expect(freshAnswer).toMatchObject({ terminalId: 'T1', site: '东昌影城', service: 'cinema' });
    // Not asked for, the signed answer is not sent (a terminal of the version before takes no more).
    expect(freshAnswer.ack).toBeUndefined();
    expect(await hub.store.terminals.get('T1')).toMatchObject({ site: '东昌影城', service: 'cinema' });

    const second = await createEnrolCode(hub, { site: '开发区影城', service: 'cinema' });
    const older = await post(server.url, { code: second.code, terminalId: 'T2', site: 'my pc', service: 'cinema', publicJwk: generateSigningKey('T2').publicJwk });
    expect(older.status).toBe(200);
    expect(olderEnrolResponseSchema.safeParse(await older.json()).success).toBe(true);
  });

  it('answers a terminal that asks with an enrolment acknowledgement signed by the bureau, naming it, its key, its place and the trust version in force', async () => {
    const { hub, server } = await serve();
    await createIssuerKey(hub.store, 'lc-hrss', PASSPHRASE, hub.now(), false, 'trust');
    await refreshTrust(hub);
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const qr = parseEnrolQr(await enrolQrFor(hub, server.url, code));
    if (!qr.ok) throw new Error(qr.error);
    const { chain } = enrolTrustResponseSchema.parse(await (await fetch(`${server.url}/v1/enrol/trust?key=${qr.value.jinka_trust_key_thumbprint}`)).json());
    const trust = checkTrustChain(chain, qr.value.jinka_trust_key_thumbprint);
    if (!trust.ok) throw new Error(trust.error);
    const key = generateSigningKey('T1');
    const answer = enrolResponseSchema.parse(await (await post(server.url, { code, terminalId: 'T1', publicJwk: key.publicJwk, ack: true })).json());
    const expected = { terminalId: 'T1', jkt: jwkThumbprint(key.publicJwk), site: '东昌影城', service: 'cinema' };
    expect(checkEnrolAck(answer.ack, trust.value, expected)).toMatchObject({ ok: true, value: { typ: 'jinka/enrol-ack', trust_version: 2 } });
    // It is this terminal's: another key, or the chain cut before version 2 (a hub rolling back), is refused.
    expect(checkEnrolAck(answer.ack, trust.value, { ...expected, jkt: jwkThumbprint(generateSigningKey('x').publicJwk) })).toEqual({ ok: false, error: 'NOT_ACKED' });
    const cut = checkTrustChain(chain.slice(0, 1), qr.value.jinka_trust_key_thumbprint);
    if (!cut.ok) throw new Error(cut.error);
    expect(checkEnrolAck(answer.ack, cut.value, expected)).toEqual({ ok: false, error: 'ROLLED_BACK' });
  });

  it('refuses a service other than the code’s without using the code up, and a replayed code', async () => {
    const { hub, server } = await serve();
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const wrong = await post(server.url, { code, terminalId: 'T1', service: 'gym', publicJwk: generateSigningKey('T1').publicJwk });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: 'WRONG_PLACE' });
    expect(await hub.store.terminals.get('T1')).toBeUndefined();
    // A service given that is the code's is fine, and the code still works after the refusal.
    expect((await post(server.url, { code, terminalId: 'T1', service: 'cinema', publicJwk: generateSigningKey('T1').publicJwk })).status).toBe(200);
    const replayed = await post(server.url, { code, terminalId: 'T3', publicJwk: generateSigningKey('T3').publicJwk });
    expect(replayed.status).toBe(403);
    expect(await replayed.json()).toMatchObject({ error: 'CODE_USED' });
    expect(await hub.store.terminals.get('T3')).toBeUndefined();
  });

  it('jinka-hub enrol-code --url --qr prints the QR text and writes it as a PNG; a bad --url is one line, exit 2, and no code is made', async () => {
    const { dataDir, dir, hub } = await serve();
    const out: string[] = [];
    const err: string[] = [];
    const ctx: HubCliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env: { JINKA_HUB_PASSPHRASE: PASSPHRASE }, lang: 'en', stopSignal: () => new Promise(() => undefined) };
    const png = join(dir, 'enrol.png');
    const status = await runHubCli(['enrol-code', '--site', '东昌影城', '--service', 'cinema', '--url', 'https://hub.example.gov.cn/', '--qr', png, '--json', '--data-dir', dataDir], ctx);
    expect(err).toEqual([]);
    expect(status).toBe(0);
    const printed = JSON.parse(out.join('\n')) as { code: string; qr: unknown };
    expect(printed.qr).toMatchObject({ handshake_version: 1, url: 'https://hub.example.gov.cn', token: printed.code });
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');

    out.length = 0;
    const bad = await runHubCli(['enrol-code', '--site', 'S', '--service', 'cinema', '--url', 'https://user:pw@hub.example/', '--qr', join(dir, 'no.png'), '--data-dir', dataDir], ctx);
    expect(bad).toBe(2);
    expect(err.join('\n')).toMatch(/--url/);
    expect(existsSync(join(dir, 'no.png'))).toBe(false);
    expect(await hub.store.terminals.list()).toEqual([]);
  });
});
