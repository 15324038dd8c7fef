import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../hub/console/staff-accounts.js';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import { parseEnrolQr } from '../../shared/sync/enrol-qr.js';
import { testClock, testHub } from '../hub/hub-fixtures.js';
import { ConsolePage } from './console-page.js';
import { launchChromium } from './support/e2e-browser.js';

/**
 * The console's terminals page in Chromium (issue 11): an officer makes an enrolment and gets a
 * printable sheet whose QR image loads under the console's CSP and carries the hub's handshake;
 * printed, only the sheet shows. An auditor sees the list and no enrolment form.
 */
describe('the bureau console: terminals', () => {
  let made: Awaited<ReturnType<typeof testHub>> | undefined;
  let server: RunningHub | undefined;
  let browser: Browser | undefined;
  let hub: Hub;

  beforeAll(async () => {
    made = await testHub(testClock(Date.now()));
    hub = made.hub;
    for (const [id, role, name] of [
      ['officer', 'officer', '李经办'],
      ['auditor', 'auditor', '赵审计'],
    ] as const) {
      const added = await createStaff(hub, { id, name, role, password: `${id}-password-1` }, { actor: 'cli:test', address: 'local' });
      if (!added.ok) throw new Error(JSON.stringify(added.error));
    }
    // The enrolment QR names the configured public URL (serve --public-url), so the port is chosen first.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    server = await startHubServer(hub, { port, console: { publicUrl: `http://127.0.0.1:${port}` } }, () => undefined);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await made?.cleanup();
  });

  const open = async (): Promise<ConsolePage> => {
    if (browser === undefined || server === undefined) throw new Error('e2e: setup failed');
    return ConsolePage.open(browser, server.url);
  };

  it('makes an enrolment whose printable sheet shows the QR (loaded under the CSP) and the code', async () => {
    const c = await open();
    try {
      await c.signIn('officer', 'officer-password-1');
      await c.tid('nav-terminals').click();
      const form = c.tid('enrol-form');
      await form.getByLabel('场所名称').fill('东昌影城');
      await expect.poll(() => form.getByLabel('服务项目').locator('option').count()).toBeGreaterThan(0);
      await form.getByLabel('服务项目').selectOption('cinema');
      const answered = c.page.waitForResponse((r) => r.url().endsWith('/console/api/terminals/enrolments'));
      await form.getByRole('button', { name: '生成登记码' }).click();
      const answer = (await (await answered).json()) as { qr: string };
      await c.tid('enrol-sheet').waitFor();
      const code = (await c.tid('enrol-code').textContent()) ?? '';
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await expect.poll(() => c.tid('enrol-qr').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);
      const src = (await c.tid('enrol-qr').getAttribute('src')) ?? '';
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      await c.screenshots('terminal-enrolment');
      await c.page.emulateMedia({ media: 'print' });
      expect(await c.tid('enrol-form').isVisible()).toBe(false);
      expect(await c.tid('enrol-sheet').isVisible()).toBe(true);
      await c.screenshot('terminal-enrolment-print');
      await c.page.emulateMedia({ media: 'screen' });
      // The QR carries pretixSCAN's handshake to this hub with the code shown beside it.
      const qr = parseEnrolQr(answer.qr);
      if (!qr.ok) throw new Error(qr.error);
      expect(qr.value).toMatchObject({ handshake_version: 1, url: server?.url, token: code });
    } finally {
      await c.close();
    }
  });

  it('shows an auditor the terminal list and no enrolment form', async () => {
    const c = await open();
    try {
      await c.signIn('auditor', 'auditor-password-1');
      await c.tid('nav-terminals').click();
      await c.page.getByRole('heading', { name: '终端列表' }).waitFor();
      expect(await c.page.locator('[data-testid="enrol-form"]').count()).toBe(0);
    } finally {
      await c.close();
    }
  });
});
