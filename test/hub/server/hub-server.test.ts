import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { bundlesResponseSchema, enrolResponseSchema, quotaResponseSchema, uploadAckSchema } from '../../../shared/sync/sync-protocol.js';
import { createEnrolCode } from '../../../hub/terminals/enrolment.js';
import { buildHubApp, DEFAULT_HUB_TIMEOUTS, startHubServer, type RunningHub } from '../../../hub/server/hub-server.js';
import type { Hub } from '../../../hub/hub.js';
import type { BoundRequest } from '../../../electron/core/sync/terminal-signer.js';
import { cleanupAfterEach, auditEntries, enrol, holder, issue, recordUse, tempDir, terminalFromHub, testHub, type EnrolledTerminal } from '../hub-fixtures.js';

/** GET `target` at the hub as terminal `t`, with a token made for this one request. */
const get = (server: RunningHub, t: EnrolledTerminal, target: string, auth = t.auth(Date.now(), { method: 'GET', target })): Promise<Response> =>
  fetch(`${server.url}${target}`, { headers: { authorization: auth } });

describe('hub HTTP server', () => {
  const later = cleanupAfterEach();
  const serve = async (options: Parameters<typeof startHubServer>[1] = {}): Promise<{ hub: Hub; server: RunningHub; said: string[] }> => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const said: string[] = [];
    const server = await startHubServer(made.hub, { port: 0, ...options }, (line) => said.push(line));
    later(() => server.close());
    return { hub: made.hub, server, said };
  };

  it('serves the sync protocol end to end: enrol, upload twice, bundles, quota', async () => {
    const { hub, server, said } = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(said.join('\n')).toMatch(/plain HTTP/);
    const [card] = await issue(hub, [holder(1)]);
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
    const key = generateSigningKey('T1');
    const enrolled = await fetch(`${server.url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, terminalId: 'T1', site: 'my pc', service: 'cinema', publicJwk: key.publicJwk }),
    });
    expect(enrolled.status).toBe(200);
    expect(enrolResponseSchema.parse(await enrolled.json())).toMatchObject({ terminalId: 'T1' });
    const again = await fetch(`${server.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, terminalId: 'T2', site: 's', service: 'cinema', publicJwk: key.publicJwk }) });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: 'CODE_USED' });

    const t2 = await enrol(hub, 'T2', '开发区影城');
    const { terminal, cleanup } = await terminalFromHub(hub, Date.now);
    later(cleanup);
    recordUse(terminal, card?.token ?? '', 'cinema', Date.now());
    const body = t2.batch(auditEntries(terminal), Date.now());
    const post = () => fetch(`${server.url}/v1/audit`, { method: 'POST', headers: { authorization: t2.auth(Date.now(), { method: 'POST', target: '/v1/audit', body }), 'content-type': 'application/jose' }, body });
    const first = uploadAckSchema.parse(await (await post()).json());
    expect(first).toMatchObject({ accepted: auditEntries(terminal).length, duplicates: 0, cursor: auditEntries(terminal).length });
    const second = uploadAckSchema.parse(await (await post()).json());
    expect(second).toMatchObject({ accepted: 0, duplicates: auditEntries(terminal).length });

    const bundles = await get(server, t2, '/v1/bundles?revocations=lc-hrss:0&rules=0&trust=0');
    expect(bundlesResponseSchema.parse(await bundles.json()).bundles).toHaveLength(3);
    const idle = await get(server, t2, '/v1/bundles?revocations=lc-hrss:1&rules=1&trust=1');
    expect(bundlesResponseSchema.parse(await idle.json()).bundles).toEqual([]);

    const quotaFor = async (t: EnrolledTerminal) => quotaResponseSchema.parse(await (await get(server, t, '/v1/quota?since=0')).json());
    expect((await quotaFor(t2)).uses).toEqual([]);
    const t3 = await enrol(hub, 'T3', '第三影城');
    expect((await quotaFor(t3)).uses).toEqual([expect.objectContaining({ sub: card?.sub, service: 'cinema' })]);
  });

  it('answers 401 without a token, 403 on every authenticated route once the terminal is disabled, JSON errors throughout', async () => {
    const { hub, server } = await serve();
    const t1 = await enrol(hub, 'T1', 'S1');
    const noAuth = await fetch(`${server.url}/v1/quota`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ error: 'AUTH_REQUIRED', message: expect.stringContaining('Jinka-Terminal') as unknown });
    await hub.store.terminals.disable('T1', 'stolen from the counter', Date.now());
    const batch = t1.batch([], Date.now());
    const routes: [string, RequestInit, BoundRequest][] = [
      ['/v1/bundles', {}, { method: 'GET', target: '/v1/bundles' }],
      ['/v1/quota?since=0', {}, { method: 'GET', target: '/v1/quota?since=0' }],
      ['/v1/audit', { method: 'POST', headers: { 'content-type': 'application/jose' }, body: batch }, { method: 'POST', target: '/v1/audit', body: batch }],
    ];
    for (const [path, init, bound] of routes) {
      const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: t1.auth(Date.now(), bound) } });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'TERMINAL_DISABLED', message: expect.stringContaining('stolen from the counter') as unknown });
    }
    const missing = await fetch(`${server.url}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'NOT_FOUND' });
    const big = await fetch(`${server.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(100_000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'TOO_LARGE' });
    const bad = await fetch(`${server.url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'BAD_REQUEST' });
  });

  it('bounds how long a client may take to send headers and a request, and how long a socket may sit idle, on HTTP and on HTTPS', async () => {
    const made = await testHub(Date.now);
    later(made.cleanup);
    const { dir, cleanup } = tempDir('jinka-tls-');
    later(cleanup);
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'pipe' });
    const tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
    const timeouts = { headersMs: 7_000, requestMs: 70_000, idleMs: 77_000 };
    for (const options of [{}, { tls }, { timeouts }, { tls, timeouts }]) {
      const { app } = buildHubApp(made.hub, options);
      later(() => app.close());
      await app.ready();
      const want = options.timeouts ?? DEFAULT_HUB_TIMEOUTS;
      expect(want.requestMs).toBeGreaterThan(0);
      expect({ headers: app.server.headersTimeout, request: app.server.requestTimeout, idle: app.server.timeout }).toEqual({
        headers: want.headersMs,
        request: want.requestMs,
        idle: want.idleMs,
      });
    }
  });

  it('serves HTTPS with a certificate and key (self-signed with openssl here)', async () => {
    const { dir, cleanup } = tempDir('jinka-tls-');
    later(cleanup);
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    // openssl must be there: this test fails loudly rather than skipping TLS.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    const cert = readFileSync(certFile);
    const { server, said } = await serve({ tls: { cert, key: readFileSync(keyFile) } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(said.join('\n')).not.toMatch(/plain HTTP/);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${server.url}/v1/health`, { ca: cert }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true });
    await expect(fetch(`${server.url.replace('https', 'http')}/v1/health`)).rejects.toThrow();
  });
});
