import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../hub/console/staff-accounts.js';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import { testClock, testHub } from '../hub/hub-fixtures.js';
import { ConsolePage } from './console-page.js';
import { launchChromium } from './support/e2e-browser.js';

/**
 * The console's rules page in Chromium (issue 11, Art. 39): the catalogue in force as a table;
 * an admin uploads a new version, reads the diff against the version in force before anything
 * is published, then publishes it. An officer sees the table and no upload.
 */
describe('the bureau console: rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jinka-console-rules-'));
  let made: Awaited<ReturnType<typeof testHub>> | undefined;
  let server: RunningHub | undefined;
  let browser: Browser | undefined;
  let hub: Hub;

  beforeAll(async () => {
    made = await testHub(testClock(Date.now()));
    hub = made.hub;
    for (const [id, role] of [
      ['admin', 'admin'],
      ['officer', 'officer'],
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
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (): Promise<ConsolePage> => {
    if (browser === undefined || server === undefined) throw new Error('e2e: setup failed');
    return ConsolePage.open(browser, server.url);
  };

  it('shows the diff of an uploaded version before publishing it, and publishes it', async () => {
    const { version, rules } = await hub.rules();
    const service = rules.services.find((s) => s.quota !== undefined);
    if (service?.quota === undefined) throw new Error('e2e: the test rules have no quota');
    const next = structuredClone(rules);
    const changed = next.services.find((s) => s.id === service.id);
    if (changed?.quota === undefined) throw new Error('e2e: no such service');
    changed.quota.limit = service.quota.limit + 3;
    const file = join(dir, 'rules-next.json');
    writeFileSync(file, JSON.stringify(next, null, 2));

    const c = await open();
    try {
      await c.signIn('admin', 'admin-password-1');
      await c.tid('nav-rules').click();
      await c.tid('rules-table').waitFor();
      await c.tid('rules-file').setInputFiles(file);
      await c.page.getByRole('button', { name: '检查并查看差异' }).click();
      const diff = c.tid('rules-diff');
      await diff.waitFor();
      expect(await diff.textContent()).toContain(`修改 ${service.name.zh}`);
      expect(await diff.textContent()).toContain(String(service.quota.limit + 3));
      // Nothing is published by the preview.
      expect((await hub.rules()).version).toBe(version);
      await c.screenshots('rules-diff');
      await c.tid('rules-publish-submit').click();
      await expect.poll(() => c.tid('rules-publish').getByRole('status').textContent()).toBe(`版本 ${version + 1} 已发布。`);
      expect((await hub.rules()).version).toBe(version + 1);
    } finally {
      await c.close();
    }
  });

  it('shows an officer the catalogue and no upload', async () => {
    const c = await open();
    try {
      await c.signIn('officer', 'officer-password-1');
      await c.tid('nav-rules').click();
      await c.tid('rules-table').waitFor();
      expect(await c.page.locator('[data-testid="rules-publish"]').count()).toBe(0);
      await c.screenshots('rules-officer');
    } finally {
      await c.close();
    }
  });
});
