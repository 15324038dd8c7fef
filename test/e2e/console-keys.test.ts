import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../hub/console/staff-accounts.js';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import { PASSPHRASE, testClock, testHub } from '../hub/hub-fixtures.js';
import { ConsolePage } from './console-page.js';
import { launchChromium } from './support/e2e-browser.js';

/**
 * The console's keys page in Chromium (issue 11): an admin rotates the signing key, which asks
 * for the hub passphrase again (a wrong one rotates nothing); an auditor sees the keys and no
 * rotate form.
 */
describe('the bureau console: keys', () => {
  let made: Awaited<ReturnType<typeof testHub>> | undefined;
  let server: RunningHub | undefined;
  let browser: Browser | undefined;
  let hub: Hub;

  beforeAll(async () => {
    made = await testHub(testClock(Date.now()));
    hub = made.hub;
    for (const [id, role] of [
      ['admin', 'admin'],
      ['auditor', 'auditor'],
    ] as const) {
      const added = await createStaff(hub, { id, name: `测试${id}`, role, password: `${id}-password-1` }, { actor: 'cli:test', address: 'local' });
      if (!added.ok) throw new Error(JSON.stringify(added.error));
    }
    server = await startHubServer(hub, { port: 0 }, () => undefined);
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

  it('rotates the signing key only with the right passphrase', async () => {
    const c = await open();
    try {
      await c.signIn('admin', 'admin-password-1');
      await c.tid('nav-keys').click();
      const table = c.tid('keys-table');
      await table.waitFor();
      const before = (await table.locator('tr[data-status="current"]').getAttribute('data-kid')) ?? '';
      expect(before).not.toBe('');
      const form = c.tid('rotate-form');
      await form.getByLabel('服务器口令').fill('not-the-passphrase');
      await form.getByRole('button', { name: '更换' }).click();
      await expect.poll(() => c.page.getByRole('alert').first().textContent()).toBe('服务器口令不对。');
      expect(await table.locator('tr[data-status="current"]').getAttribute('data-kid')).toBe(before);
      await form.getByLabel('服务器口令').fill(PASSPHRASE);
      await form.getByRole('button', { name: '更换' }).click();
      await expect.poll(() => table.locator('tr[data-status="current"]').getAttribute('data-kid')).not.toBe(before);
      await c.screenshots('keys-rotated');
    } finally {
      await c.close();
    }
  });

  it('shows an auditor the keys and no rotate form', async () => {
    const c = await open();
    try {
      await c.signIn('auditor', 'auditor-password-1');
      await c.tid('nav-keys').click();
      await c.tid('keys-table').waitFor();
      expect(await c.page.locator('[data-testid="rotate-form"]').count()).toBe(0);
      expect(await c.tid('keys-table').getByRole('button').count()).toBe(0);
    } finally {
      await c.close();
    }
  });
});
