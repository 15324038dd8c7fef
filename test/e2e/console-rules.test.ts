import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useConsoleHub } from './console-page.js';

/**
 * The console's rules page in Chromium (issue 11, Art. 39): the catalogue in force as a table in
 * article order; an admin chooses a file with the console's own Chinese button, reads the diff
 * against the version in force in words (not field names) before anything is published, then
 * publishes it. An officer sees the table and no upload.
 */
describe('the bureau console: rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jinka-console-rules-'));
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'admin', role: 'admin' },
      { id: 'officer', role: 'officer' },
    ],
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the diff of an uploaded version before publishing it, and publishes it', async () => {
    const { version, rules } = await consoleHub.hub.rules();
    const service = rules.services.find((s) => s.quota !== undefined);
    if (service?.quota === undefined) throw new Error('e2e: the test rules have no quota');
    const next = structuredClone(rules);
    const changed = next.services.find((s) => s.id === service.id);
    if (changed?.quota === undefined) throw new Error('e2e: no such service');
    const limit = service.quota.limit;
    const raised = limit + 3;
    changed.quota.limit = raised;
    changed.companions = !service.companions;
    const file = join(dir, 'rules-next.json');
    writeFileSync(file, JSON.stringify(next, null, 2));

    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-rules').click();
      await c.tid('rules-table').waitFor();
      const articles = await c.tid('rules-table').locator('tbody tr td:nth-child(2)').allTextContents();
      const numbers = articles.map((a) => Number(/\d+/.exec(a)?.[0]));
      expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
      expect(articles[0]).toBe('第 6 条');
      const chooser = c.tid('rules-publish');
      expect(await chooser.locator('label.button').textContent()).toBe('选择文件…');
      expect(await c.tid('rules-file-name').textContent()).toBe('未选择文件');
      await c.tid('rules-file').setInputFiles(file);
      await expect.poll(() => c.tid('rules-file-name').textContent()).toBe('rules-next.json');
      await c.page.getByRole('button', { name: '检查并查看差异' }).click();
      const diff = c.tid('rules-diff');
      await diff.waitFor();
      expect(await diff.textContent()).toContain(`修改 ${service.name.zh}`);
      expect(await diff.textContent()).toContain(String(raised));
      const limitRow = diff.locator('tr', { hasText: '每期次数' });
      expect(await limitRow.locator('td').allTextContents()).toEqual(['每期次数', String(limit), String(raised)]);
      const companionsRow = diff.locator('tr', { hasText: '可带随行' });
      expect(await companionsRow.locator('td').allTextContents()).toEqual(['可带随行', service.companions ? '是' : '否', service.companions ? '否' : '是']);
      expect(await diff.textContent()).not.toMatch(/quota\.limit|companions|true|false/);
      // Nothing is published by the preview.
      expect((await consoleHub.hub.rules()).version).toBe(version);
      await c.screenshots('rules-diff');
      await c.tid('rules-publish-submit').click();
      await expect.poll(() => c.tid('rules-publish').getByRole('status').textContent()).toBe(`版本 ${version + 1} 已发布。`);
      expect((await consoleHub.hub.rules()).version).toBe(version + 1);
    });
  });

  it('shows an officer the catalogue and no upload', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-rules').click();
      await c.tid('rules-table').waitFor();
      expect(await c.page.locator('[data-testid="rules-publish"]').count()).toBe(0);
      await c.screenshots('rules-officer');
    });
  });
});
