import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../../electron/bridge/http-bridge.js';
import { RENDERER_CSP } from '../../../electron/renderer-host/security-headers.js';
import { createHttpApi } from '../../../shared/api/http-client.js';
import { tempDir } from '../../support/fixtures.js';
import { serviceFixture, type ServiceFixture } from '../api/service-fixture.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let f: ServiceFixture;
let bridge: HttpBridge;
let renderer: { dir: string; cleanup: () => void };

/** A request with exactly the headers given (fetch would not let a test forge Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const authorized = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json', ...extra });

beforeAll(async () => {
  f = await serviceFixture();
  renderer = tempDir('jinka-renderer-');
  mkdirSync(join(renderer.dir, 'assets'));
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>金卡</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer.dir, 'assets', 'app.js'), 'console.log("jinka")');
  writeFileSync(join(renderer.dir, 'assets', 'zxing.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  bridge = await startHttpBridge({ handle: f.service.handle, rendererDir: renderer.dir });
});
afterAll(async () => {
  await bridge.close();
  renderer.cleanup();
  f.cleanup();
});

describe('http bridge', () => {
  it('listens on 127.0.0.1 at a random port and hands out a page URL with the token in its fragment', () => {
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.port).toBeGreaterThan(0);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bridge.pageUrl).toBe(`${bridge.origin}/#token=${bridge.token}`);
  });

  it('refuses an API call without the token or with a wrong one (401)', async () => {
    const body = '{}';
    const none = await raw('/api/status.get', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const wrong = await raw('/api/status.get', { method: 'POST', headers: authorized({ authorization: `Bearer ${'x'.repeat(43)}` }), body });
    const basic = await raw('/api/status.get', { method: 'POST', headers: authorized({ authorization: `Basic ${bridge.token}` }), body });
    expect([none.status, wrong.status, basic.status]).toEqual([401, 401, 401]);
    expect(none.body).not.toContain('terminalId');
    expect((await raw('/api/status.get', { method: 'POST', headers: authorized(), body })).status).toBe(200);
  });

  it('refuses a Host or Origin that is not the bridge itself (DNS rebinding, other sites)', async () => {
    const rebound = await raw('/api/status.get', { method: 'POST', headers: authorized({ host: `evil.example:${bridge.port}` }), body: '{}' });
    expect(rebound.status).toBe(403);
    expect((await raw('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    const crossSite = await raw('/api/status.get', { method: 'POST', headers: authorized({ origin: 'https://evil.example' }), body: '{}' });
    expect(crossSite.status).toBe(403);
    const local = await raw('/api/status.get', { method: 'POST', headers: authorized({ host: `localhost:${bridge.port}`, origin: `http://localhost:${bridge.port}` }), body: '{}' });
    expect(local.status).toBe(200);
  });

  it('never sends a CORS header, not even to a preflight', async () => {
    const answers = [
      await raw('/api/status.get', { method: 'OPTIONS', headers: { origin: bridge.origin, 'access-control-request-method': 'POST' } }),
      await raw('/api/status.get', { method: 'POST', headers: authorized({ origin: bridge.origin }), body: '{}' }),
      await raw('/'),
    ];
    for (const answer of answers) expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(answers[0]?.status).toBe(405);
  });

  it('carries calls end to end through createHttpApi: sign in, verify, record', async () => {
    const api = createHttpApi(bridge.origin, bridge.token);
    expect(await api.call('card.verify', { token: f.authority.card() })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await api.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toEqual({ ok: true, value: { id: 'op1', name: '收银员', role: 'operator' } });
    const verified = await api.call('card.verify', { token: f.authority.card() });
    expect(verified).toMatchObject({ ok: true, value: { decision: { decision: 'accept' } } });
    if (!verified.ok) return;
    expect(await api.call('card.record', { decisionId: verified.value.id, idChecked: true })).toMatchObject({ ok: true, value: { alreadyRecorded: false } });
    expect(await api.call('card.record', { decisionId: 'x', idChecked: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const refused = createHttpApi(`${bridge.origin}/`, 'wrong-token-wrong-token');
    expect(await refused.call('status.get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await api.call('session.signOut', {});
  });

  it('serves the renderer with its content types, the CSP, and index.html for app routes', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<title>金卡</title>');
    expect((await raw('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw('/assets/zxing.wasm')).headers['content-type']).toBe('application/wasm');
    expect((await raw('/history')).body).toContain('<title>金卡</title>');
    expect((await raw('/assets/missing.js')).status).toBe(404);
    expect([400, 404]).toContain((await raw('/..%2f..%2fetc%2fpasswd')).status);
    expect((await raw('/%2e%2e/package.json')).body).not.toContain('"name"');
  });

  it('answers 413 to a body over the limit and 415 to a body that is not JSON', async () => {
    const big = JSON.stringify({ token: 'x'.repeat(100_000) });
    expect((await raw('/api/card.verify', { method: 'POST', headers: authorized(), body: big })).status).toBe(413);
    expect((await raw('/api/status.get', { method: 'POST', headers: authorized({ 'content-type': 'text/plain' }), body: '{}' })).status).toBe(415);
    expect((await raw('/api/status.get', { method: 'POST', headers: authorized(), body: '{not json' })).status).toBe(400);
    expect((await raw('/api/no.such', { method: 'POST', headers: authorized(), body: '{}' })).status).toBe(404);
  });
});
