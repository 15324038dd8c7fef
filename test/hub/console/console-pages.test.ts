import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_HEADERS, installConsoleHeaders } from '../../../hub/console/console-guard.js';
import { consoleFile, registerConsolePages } from '../../../hub/console/console-static.js';
import type { Hub } from '../../../hub/hub.js';
import { consoleBench } from './console-fixture.js';

/** The console's pages as the hub serves them: only built files, never outside dist/console, always with the console's headers. */
describe('console pages under /console/', () => {
  const root = mkdtempSync(join(tmpdir(), 'jinka-console-pages-'));
  const pages = join(root, 'console');
  mkdirSync(join(pages, 'assets'), { recursive: true });
  writeFileSync(join(pages, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(pages, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(pages, 'assets', 'notes.txt'), 'not a built type');
  writeFileSync(join(root, 'secret.js'), 'outside');
  const hub = { now: () => 0 } as unknown as Hub;
  const app = Fastify();
  installConsoleHeaders(app);
  registerConsolePages(app, hub, pages);
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers index.html at the root and a built asset by its type, with the console’s CSP and no framing', async () => {
    const page = await app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_HEADERS['content-security-policy']);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await app.inject({ method: 'GET', url: '/console/assets/app.js?v=1' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await app.inject({ method: 'GET', url: '/console' })).headers.location).toBe('/console/');
  });

  it.each([
    ['a missing asset', '/console/assets/gone.js'],
    ['a climb out of the folder', '/console/../secret.js'],
    ['an encoded climb', '/console/%2e%2e/secret.js'],
    ['an encoded separator climb', '/console/assets%2f..%2f..%2fsecret.js'],
    ['a backslash', '/console/assets%5c..%5c..%5csecret.js'],
    ['a NUL', '/console/index.html%00.js'],
    ['a bad escape', '/console/%E0%A4%A'],
    ['a file of a type the build never emits', '/console/assets/notes.txt'],
  ])('refuses %s (404, or Fastify’s 400 for a bad escape: never a file or HTML)', async (_what, url) => {
    const answer = await app.inject({ method: 'GET', url });
    expect([400, 404]).toContain(answer.statusCode);
    expect(answer.body).not.toContain('outside');
    expect(answer.body).not.toContain('<!doctype');
  });

  it('maps paths onto files inside the folder only', async () => {
    expect(await consoleFile(pages, '')).toBe(join(pages, 'index.html'));
    expect(await consoleFile(pages, '../secret.js')).toBeUndefined();
    expect(await consoleFile(pages, 'assets')).toBeUndefined();
  });

  it('keeps an unknown API path a JSON 404, and the real hub serves both pages and API', async () => {
    const bench = await consoleBench();
    try {
      const unknown = await bench.app.inject({ method: 'GET', url: '/console/api/no-such-route' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: 'NOT_FOUND' });
      expect((await bench.get(undefined, '/session')).statusCode).toBe(401);
      const page = await bench.app.inject({ method: 'GET', url: '/console/' });
      expect([200, 503]).toContain(page.statusCode);
      expect(page.headers['content-security-policy']).toBe(CONSOLE_HEADERS['content-security-policy']);
    } finally {
      await bench.cleanup();
    }
  });
});
