import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signRequestToken } from '../../../electron/core/sync/terminal-signer.js';
import { startHubServer, type RunningHub, type ServeOptions } from '../../../hub/server/hub-server.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../../hub/server/terminal-guard.js';
import type { Hub } from '../../../hub/hub.js';
import { uploadAckSchema } from '../../../shared/sync/sync-protocol.js';
import { cleanupAfterEach, enrol, testHub, type EnrolledTerminal } from '../hub-fixtures.js';

const MIB = 1024 * 1024;

/** What a raw request got: the status and body, or null when no answer came within the wait. */
interface RawAnswer {
  status: number | null;
  body: string;
  /** Bytes of the body this client had written when the answer came. */
  sent: number;
  /** The hub ended the connection without an answer (not this client giving up after `waitMs`). */
  cut: boolean;
}

/**
 * POSTs to the hub declaring `declared` body bytes but writing only `send` of them, then
 * waits up to `waitMs` for an answer: a hub that reads the body before answering never answers.
 * `finish` (when given) resolves the held part of the body later.
 */
function rawPost(url: string, path: string, headers: Record<string, string>, body: Buffer, declared: number, waitMs: number, finish?: Promise<Buffer>, cancel?: AbortSignal): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const settle = (answer: Omit<RawAnswer, 'sent'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, sent });
    };
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => settle({ status: res.statusCode ?? null, body: text, cut: false }));
      res.on('error', () => settle({ status: res.statusCode ?? null, body: text, cut: false }));
    });
    req.on('error', () => settle({ status: null, body: '', cut: true }));
    req.on('close', () => settle({ status: null, body: '', cut: true }));
    const timer = setTimeout(() => {
      settle({ status: null, body: '', cut: false });
      req.destroy();
    }, waitMs);
    cancel?.addEventListener('abort', () => {
      settle({ status: null, body: '', cut: false });
      req.destroy();
    });
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
    const { hub, server } = await serve({ uploads: { ...DEFAULT_UPLOAD_LIMITS, concurrent: 1, queued: 0, waitMs: 1000 } });
    const t1 = await enrol(hub, 'T1', 'S1');
    const t2 = await enrol(hub, 'T2', 'S2');
    const body = Buffer.from(t1.batch([], Date.now()));
    const other = Buffer.from(t2.batch([], Date.now()));
    const headers = (t: EnrolledTerminal, b: Buffer) => ({ 'content-type': 'application/jose', authorization: t.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: b }) });
    let release: (rest: Buffer) => void = () => {};
    const rest = new Promise<Buffer>((resolve) => (release = resolve));
    const held = rawPost(server.url, '/v1/audit', headers(t1, body), body.subarray(0, 10), body.length, 10_000, rest);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busy = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(t2, other), body: other });
    expect(busy.status).toBe(503);
    expect(await busy.json()).toMatchObject({ error: 'BUSY' });
    expect(busy.headers.get('retry-after')).not.toBeNull();
    release(body.subarray(10));
    expect((await held).status).toBe(200);
    const after = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(t2, other), body: other });
    expect(after.status).toBe(200);
  });

  it('reads one upload per terminal at a time: a leaked key holding slow uploads open cannot keep another terminal out', async () => {
    const { hub, server } = await serve({ uploads: { ...DEFAULT_UPLOAD_LIMITS, concurrent: 2, queued: 4, waitMs: 3000 } });
    const t1 = await enrol(hub, 'T1', 'S1');
    const t2 = await enrol(hub, 'T2', 'S2');
    const body = Buffer.from(t1.batch([], Date.now()));
    const headers = (t: EnrolledTerminal, b: Buffer) => ({ 'content-type': 'application/jose', authorization: t.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: b }) });
    const stop = new AbortController();
    later(() => stop.abort());
    let slowSettled = false;
    const slow = rawPost(server.url, '/v1/audit', headers(t1, body), body.subarray(0, 10), body.length, 30_000, undefined, stop.signal).finally(() => (slowSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The same key, three more slow bodies: each turned away at once, none admitted or queued.
    const more = await Promise.all([1, 2, 3].map(() => rawPost(server.url, '/v1/audit', headers(t1, body), body.subarray(0, 10), body.length, 30_000, undefined, stop.signal)));
    for (const answer of more) {
      expect(answer.status).toBe(429);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'UPLOAD_IN_PROGRESS' });
    }
    const other = Buffer.from(t2.batch([], Date.now()));
    const honest = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(t2, other), body: other });
    expect(honest.status).toBe(200);
    expect(slowSettled).toBe(false);
    stop.abort();
    await slow;
    // Its slot is free again once the slow one is gone.
    const again = Buffer.from(t1.batch([], Date.now()));
    expect((await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(t1, again), body: again })).status).toBe(200);
  });

  it('cuts an admitted upload whose body has not arrived by the read deadline, and the upload waiting for its slot goes through', async () => {
    const { hub, server } = await serve({ uploads: { concurrent: 1, queued: 4, waitMs: 15_000, bodyMs: 500 } });
    const t1 = await enrol(hub, 'T1', 'S1');
    const t2 = await enrol(hub, 'T2', 'S2');
    const body = Buffer.from(t1.batch([], Date.now()));
    const headers = (t: EnrolledTerminal, b: Buffer) => ({ 'content-type': 'application/jose', authorization: t.auth(Date.now(), { method: 'POST', target: '/v1/audit', body: b }) });
    const slow = rawPost(server.url, '/v1/audit', headers(t1, body), body.subarray(0, 10), body.length, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = Buffer.from(t2.batch([], Date.now()));
    const honest = await fetch(`${server.url}/v1/audit`, { method: 'POST', headers: headers(t2, other), body: other });
    expect(honest.status).toBe(200);
    const cut = await slow;
    expect(cut).toMatchObject({ status: null, cut: true });
  }, 30_000);
});
