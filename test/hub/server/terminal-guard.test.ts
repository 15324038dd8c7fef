import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../electron/core/crypto/keys.js';
import { signRequestToken } from '../../../electron/core/sync/terminal-signer.js';
import { startHubServer, type RunningHub, type ServeOptions } from '../../../hub/server/hub-server.js';
import type { Hub } from '../../../hub/hub.js';
import { uploadAckSchema } from '../../../shared/sync/sync-protocol.js';
import { cleanupAfterEach, enrol, testHub } from '../hub-fixtures.js';

const MIB = 1024 * 1024;

/** What a raw request got: the status and body, or null when no answer came within the wait. */
interface RawAnswer {
  status: number | null;
  body: string;
  /** Bytes of the body this client had written when the answer came. */
  sent: number;
}

/**
 * POSTs to the hub declaring `declared` body bytes but writing only `send` of them, then
 * waits up to `waitMs` for an answer: a hub that reads the body before answering never answers.
 * `finish` (when given) resolves the held part of the body later.
 */
function rawPost(url: string, path: string, headers: Record<string, string>, body: Buffer, declared: number, waitMs: number, finish?: Promise<Buffer>): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let sent = 0;
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body: text, sent }));
      res.on('error', () => resolve({ status: res.statusCode ?? null, body: text, sent }));
    });
    req.on('error', () => resolve({ status: null, body: '', sent }));
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: null, body: '', sent });
    }, waitMs);
    req.on('close', () => clearTimeout(timer));
    req.write(body, () => (sent += body.length));
    void finish?.then((rest) => req.end(rest));
  });
}

describe('the hub authenticates terminals before it reads a body', () => {
  const later = cleanupAfterEach();
  const serve = async (options: ServeOptions = {}): Promise<{ hub: Hub; server: RunningHub }> => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0, ...options });
    later(() => server.close());
    return { hub: made.hub, server };
  };

  it('answers an unknown terminal and a key that is not the enrolled one alike (no terminal enumeration)', async () => {
    const { hub, server } = await serve();
    await enrol(hub, 'T1', 'S1');
    const stranger = generateSigningKey('X');
    const target = '/v1/quota?since=0';
    const ask = async (sub: string) => {
      const token = signRequestToken(sub, stranger.privateKey, Date.now(), { method: 'GET', target });
      const response = await fetch(`${server.url}${target}`, { headers: { authorization: `Jinka-Terminal ${token}` } });
      const body = (await response.json()) as Record<string, unknown>;
      delete body.hubTime;
      return { status: response.status, ...body };
    };
    const known = await ask('T1');
    const unknown = await ask('NOBODY');
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
    expect(JSON.stringify(unknown)).not.toContain('NOBODY');
  });

  it('answers an unauthenticated 32 MiB upload at once, without reading it, and closes the connection', async () => {
    const { server } = await serve();
    const started = Date.now();
    const answer = await rawPost(server.url, '/v1/audit', { 'content-type': 'application/jose', authorization: 'Jinka-Terminal x.y.z' }, Buffer.alloc(64 * 1024, 97), 32 * MIB, 3000);
    expect(answer.status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2500);
    const noAuth = await rawPost(server.url, '/v1/audit', { 'content-type': 'application/jose' }, Buffer.alloc(1024, 97), 32 * MIB, 3000);
    expect(noAuth.status).toBe(401);
    expect(JSON.parse(noAuth.body)).toMatchObject({ error: 'AUTH_REQUIRED' });
  });

  it('takes each request token once', async () => {
    const { hub, server } = await serve();
    const t1 = await enrol(hub, 'T1', 'S1');
    const target = '/v1/quota?since=0';
    const authorization = t1.auth(Date.now(), { method: 'GET', target });
    const first = await fetch(`${server.url}${target}`, { headers: { authorization } });
    expect(first.status).toBe(200);
    const replayed = await fetch(`${server.url}${target}`, { headers: { authorization } });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: 'REPLAYED_TOKEN' });
  });

  it('refuses a token made for another method, path, query or body, and stores nothing', async () => {
    const { hub, server } = await serve();
    const t1 = await enrol(hub, 'T1', 'S1');
    const quota = (target: string, authorization: string) => fetch(`${server.url}${target}`, { headers: { authorization } });
    expect((await quota('/v1/quota?since=5', t1.auth(Date.now(), { method: 'GET', target: '/v1/quota?since=0' }))).status).toBe(401);
    expect((await quota('/v1/bundles', t1.auth(Date.now(), { method: 'GET', target: '/v1/quota?since=0' }))).status).toBe(401);
    expect((await quota('/v1/quota?since=0', t1.auth(Date.now(), { method: 'POST', target: '/v1/quota?since=0' }))).status).toBe(401);

    const signedFor = t1.batch([], Date.now());
    const other = t1.batch([], Date.now() + 1000);
    const upload = await fetch(`${server.url}/v1/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose', authorization: t1.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: signedFor }) },
      body: other,
    });
    expect(upload.status).toBe(401);
    expect(await upload.json()).toMatchObject({ error: 'WRONG_REQUEST' });
    const honest = await fetch(`${server.url}/v1/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose', authorization: t1.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: other }) },
      body: other,
    });
    expect(uploadAckSchema.parse(await honest.json())).toMatchObject({ cursor: 0, accepted: 0 });
  });

  it('binds the token to the JSON form of an upload body too', async () => {
    const { hub, server } = await serve();
    const t1 = await enrol(hub, 'T1', 'S1');
    const body = JSON.stringify({ jws: t1.batch([], Date.now()) });
    const post = (sent: string) =>
      fetch(`${server.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: t1.auth(Date.now(), { method: 'POST', target: '/v1/audit', body }) }, body: sent });
    expect((await post(body)).status).toBe(200);
    expect((await post(` ${body}`)).status).toBe(401);
  });

  it('reads at most the allowed number of uploads at once and answers the rest 503 without reading them', async () => {
    const { hub, server } = await serve({ uploads: { concurrent: 1, queued: 0, waitMs: 1000 } });
    const t1 = await enrol(hub, 'T1', 'S1');
    const body = Buffer.from(t1.batch([], Date.now()));
    const headers = (b: Buffer) => ({ 'content-type': 'application/jose', authorization: t1.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: b }) });
    let release: (rest: Buffer) => void = () => {};
    const rest = new Promise<Buffer>((resolve) => (release = resolve));
    const held = rawPost(server.url, '/v1/audit', headers(body), body.subarray(0, 10), body.length, 10_000, rest);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busy = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(body), body });
    expect(busy.status).toBe(503);
    expect(await busy.json()).toMatchObject({ error: 'BUSY' });
    expect(busy.headers.get('retry-after')).not.toBeNull();
    release(body.subarray(10));
    expect((await held).status).toBe(200);
    const after = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(body), body });
    expect(after.status).toBe(200);
  });
});
