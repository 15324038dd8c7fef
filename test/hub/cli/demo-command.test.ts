import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../support/built-dist.js';
import { tempDir } from '../../support/fixtures.js';
import { hubInProcess } from './run-hub.js';

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * `npm run hub` (`jinka-hub demo`) prints the console's address and a demo admin's sign-in
 * (issue 11): what it prints must work — the address answers with the console's page and the
 * printed id and password sign in as an admin, from the console's own origin.
 */
describe('jinka-hub demo: the printed console address and sign-in', () => {
  const { dir, cleanup } = tempDir('jinka-hub-demo-');
  beforeAll(async () => {
    await buildConsole();
  });
  afterAll(() => cleanup());

  it('serves the console at the printed URL and the printed demo admin signs in', async () => {
    const port = await freePort();
    const lines: string[] = [];
    let stop: (signal: string) => void = () => undefined;
    let serving: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (serving = resolve));
    const env = { ...process.env, JINKA_LANG: 'en', JINKA_DEBUG: '', JINKA_HUB_FONT: join(dir, 'no-font.otf') };
    const run = hubInProcess(['demo', '--dir', join(dir, 'demo'), '--port', String(port)], env, new Promise<string>((resolve) => (stop = resolve)), (line) => {
      lines.push(line);
      if (line.startsWith('Hub serving at')) serving();
    });
    try {
      await Promise.race([ready, run.then((r) => Promise.reject(new Error(`demo ended early: ${r.stderr}`)))]);
      const printed = lines.map((l) => /^Console: (\S+) {2}demo admin (\S+) \/ (\S+)$/.exec(l)).find((m) => m !== null);
      if (printed === undefined) throw new Error(`no console line in:\n${lines.join('\n')}`);
      const [, url = '', id = '', password = ''] = printed;
      expect(url).toBe(`http://127.0.0.1:${port}/console/`);

      const page = await fetch(url);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('<div id="root">');
      // Signing in as the console's own page does: same origin, JSON.
      const origin = new URL(url).origin;
      const signIn = (pw: string) =>
        fetch(new URL('api/sign-in', url), { method: 'POST', headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' }, body: JSON.stringify({ id, password: pw }) });
      const answer = await signIn(password);
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { staff: { id: string; role: string } }).staff).toMatchObject({ id, role: 'admin' });
      expect((await signIn(`${password}x`)).status).toBe(401);
    } finally {
      stop('SIGTERM');
    }
    expect((await run).status).toBe(0);
  });
});
