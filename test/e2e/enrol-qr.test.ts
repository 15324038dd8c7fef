import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb, type WebTerminal } from '../../electron/bridge/start-web.js';
import { addOperator } from '../../electron/core/operator-accounts.js';
import { Terminal } from '../../electron/core/terminal.js';
import { createStaff } from '../../hub/console/staff-accounts.js';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import { CONSOLE_CSRF_HEADER } from '../../shared/console/console-api.js';
import { createEnrolmentResponseSchema, TERMINAL_PATHS } from '../../shared/console/terminal-api.js';
import { createHttpApi } from '../../shared/api/http-client.js';
import { makeFakeCamera } from '../support/fake-camera.mjs';
import { holder, issue, testHub } from '../hub/hub-fixtures.js';
import { CounterPage } from './support/counter-page.js';
import { assertRendererBuilt, launchChromium, RENDERER_DIR } from './support/e2e-browser.js';

/** A free local port, chosen before the hub starts, so its public URL can name it. */
async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * An officer makes an enrolment through the console's API as the console's page does (signed in,
 * same origin, the session's CSRF token) and gets the QR as the PNG the page shows; its bytes are
 * what the camera will see.
 */
async function consoleEnrolmentPng(hubUrl: string, site: string, service: string): Promise<Buffer> {
  const headers = { 'content-type': 'application/json', origin: hubUrl, 'sec-fetch-site': 'same-origin' };
  const signedIn = await fetch(`${hubUrl}/console/api/sign-in`, { method: 'POST', headers, body: JSON.stringify({ id: 'officer', password: 'officer-password-1' }) });
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  const made = await fetch(`${hubUrl}/console/api${TERMINAL_PATHS.enrol}`, {
    method: 'POST',
    headers: { ...headers, cookie, [CONSOLE_CSRF_HEADER]: csrfToken },
    body: JSON.stringify({ site, service, hours: 4 }),
  });
  if (made.status !== 201) throw new Error(`enrolment answered ${made.status}: ${await made.text()}`);
  const answer = createEnrolmentResponseSchema.parse(await made.json());
  const prefix = 'data:image/png;base64,';
  if (!answer.qrPng.startsWith(prefix)) throw new Error('the enrolment QR is not a PNG data URL');
  return Buffer.from(answer.qrPng.slice(prefix.length), 'base64');
}

/**
 * A brand-new counter (a data folder with its operators and nothing else: no trust, no rules, no
 * lists) set up by a supervisor who shows the bureau's enrolment QR to the counter's own camera on
 * the settings screen, as the issue's test asks: the QR is the PNG the console's enrolment answers
 * (`POST /console/api/terminals/enrolments`, the hub started with its public URL), not one the
 * test draws itself.
 */
describe('one scan sets a terminal up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jinka-e2e-qr-'));
  let made: Awaited<ReturnType<typeof testHub>> | undefined;
  let server: RunningHub | undefined;
  let web: WebTerminal | undefined;
  let browser: Browser | undefined;
  let hub: Hub;
  let cardToken = '';

  beforeAll(async () => {
    assertRendererBuilt();
    made = await testHub(Date.now);
    hub = made.hub;
    const staff = await createStaff(hub, { id: 'officer', name: '李经办', role: 'officer', password: 'officer-password-1' }, { actor: 'cli:test', address: 'local' });
    if (!staff.ok) throw new Error(JSON.stringify(staff.error));
    const port = await freePort();
    server = await startHubServer(hub, { port, console: { publicUrl: `http://127.0.0.1:${port}` } }, () => undefined);
    const [card] = await issue(hub, [holder(1)]);
    cardToken = card?.token ?? '';
    const png = join(dir, 'enrol-qr.png');
    writeFileSync(png, await consoleEnrolmentPng(server.url, '东昌影城', 'cinema'));
    const camera = makeFakeCamera(png, join(dir, 'enrol-qr.y4m'));

    const dataDir = join(dir, 'terminal');
    const terminal = Terminal.create(dataDir);
    await addOperator(terminal, { id: 'admin', name: '主管', role: 'supervisor', pin: '999999' });
    await addOperator(terminal, { id: 'op1', name: '操作员', role: 'operator', pin: '1234' });
    terminal.close();
    web = await startWeb({ dataDir, demoDir: join(dir, 'unused-demo'), port: 0, rendererDir: RENDERER_DIR });
    browser = await launchChromium({ camera });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await server?.close();
    await made?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the enrol form from the QR shown to the camera, enrols, pins the checked trust list, syncs, and accepts the bureau’s card', async () => {
    if (web === undefined || server === undefined || browser === undefined) throw new Error('e2e: setup failed');
    const counter = await CounterPage.open(browser, web.bridge.pageUrl);
    try {
      await counter.signIn('admin');
      await counter.page.keyboard.press('F3');
      await counter.page.locator('[data-testid="settings-syncState"] dd[data-state="not-enrolled"]').waitFor();
      await counter.tid('settings-enrolScan').click();
      // The QR enters the fake camera's view within its 2.2 s loop; the form fills itself.
      const hubUrl = server.url;
      await expect.poll(() => counter.tid('settings-hubUrl').inputValue(), { timeout: 20_000, interval: 200 }).toBe(hubUrl);
      await expect(counter.tid('settings-enrolCode').inputValue()).resolves.toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await counter.screenshot('enrol-qr-read');
      await counter.tid('settings-enrol').click();
      await counter.page.locator('[data-testid="settings-syncState"] dd[data-state="idle"]').waitFor({ timeout: 30_000 });
      // The counter took the code's site and service. The form shows them after it reads the settings
      // again, once the enrolment has answered (and the sync state above shows): wait for them.
      await expect.poll(() => counter.tid('settings-siteName').inputValue()).toBe('东昌影城');
      await expect.poll(() => counter.tid('settings-service').inputValue()).toBe('cinema');
      await counter.screenshot('enrol-qr-enrolled');
      // Scanning the QR on the settings screen verified no card.
      expect(counter.verifiedTexts).toEqual([]);
      expect(counter.pageErrors).toEqual([]);
    } finally {
      await counter.close();
    }

    expect((await hub.store.terminals.list()).map((t) => [t.site, t.service])).toEqual([['东昌影城', 'cinema']]);
    const api = createHttpApi(web.bridge.origin, web.bridge.token);
    const status = await api.call('status.get', {});
    expect(status).toMatchObject({ ok: true, value: { siteName: '东昌影城', rulesSource: 'bundle', trustedIssuers: ['lc-hrss'], listsStale: false, sync: { state: 'idle' } } });
    // Ready to scan: an operator's verification of a card the bureau issued is accepted.
    expect(await api.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: true });
    expect(await api.call('card.verify', { token: cardToken })).toMatchObject({ ok: true, value: { decision: { decision: 'accept' } } });
  });
});
