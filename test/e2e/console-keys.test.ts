import { describe, expect, it } from 'vitest';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import { putForeignIssuer } from '../../hub/publish/foreign-issuers.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { generateSigningKey } from '../../node/crypto/keys.js';
import { holder, issue, PASSPHRASE } from '../hub/hub-fixtures.js';
import { useConsoleHub } from './console-page.js';

/**
 * The console's keys page in Chromium (issue 11): an admin rotates the signing key, which asks
 * for the hub passphrase again (a wrong one rotates nothing), then retires the older key behind
 * the console's own confirmation (never the browser's dialog); usage and states are said in
 * words; each thumbprint is shown whole and copies; the foreign issuers are listed. An auditor
 * sees the keys and no rotate form or button.
 */
describe('the bureau console: keys', () => {
  const huicai = generateSigningKey('sd-1');
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'admin', role: 'admin' },
      { id: 'auditor', role: 'auditor' },
    ],
    seed: async (hub) => {
      await issue(hub, [holder(1)]);
      await putForeignIssuer(hub, { iss: 'sd-hrss', name: '山东惠才卡', keys: [{ ...huicai.publicJwk, jinka_use: ['card'] }] });
    },
  });

  it('rotates the signing key only with the right passphrase, then retires the older one after the console’s own confirmation', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      const dialogs: string[] = [];
      c.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await c.tid('nav-keys').click();
      const table = c.tid('keys-table');
      await table.waitFor();
      const before = (await table.locator('tr[data-status="current"]').getAttribute('data-kid')) ?? '';
      expect(before).not.toBe('');
      expect(await table.locator('tr[data-status="current"] [data-testid="key-usage"]').textContent()).toBe('金卡、注销名单');
      expect(await table.locator('tr[data-status="trust"] [data-testid="key-usage"]').textContent()).toBe('信任列表');
      expect(await c.tid('key-states-explained').textContent()).toMatch(/已下线.*自动.*已退役.*管理员/);

      const form = c.tid('rotate-form');
      await form.getByLabel('服务器口令').fill('not-the-passphrase');
      await form.getByRole('button', { name: '更换' }).click();
      await expect.poll(() => c.page.getByRole('alert').first().textContent()).toBe('服务器口令不对。');
      expect(await table.locator('tr[data-status="current"]').getAttribute('data-kid')).toBe(before);
      await form.getByLabel('服务器口令').fill(PASSPHRASE);
      await form.getByRole('button', { name: '更换' }).click();
      await expect.poll(() => table.locator('tr[data-status="current"]').getAttribute('data-kid')).not.toBe(before);
      const older = table.locator(`tr[data-kid="${before}"]`);
      await expect.poll(() => older.getAttribute('data-status')).toBe('published');
      expect(await older.getByTestId('key-usage').textContent()).toBe('金卡');
      await c.screenshots('keys-rotated');

      // Retiring asks in the console's words; cancelling retires nothing.
      await older.getByRole('button', { name: `退役 ${before}` }).click();
      const confirm = c.tid('retire-confirm');
      expect(await confirm.textContent()).toContain(`让密钥 ${before} 退役`);
      await c.screenshots('keys-retire-confirm');
      await confirm.getByRole('button', { name: '取消' }).click();
      expect(await c.page.locator('[data-testid="retire-confirm"]').count()).toBe(0);
      expect(await older.getAttribute('data-status')).toBe('published');
      await older.getByRole('button', { name: `退役 ${before}` }).click();
      await c.tid('retire-submit').click();
      await expect.poll(() => older.getAttribute('data-status')).toBe('retired');
      expect(await c.page.getByRole('status').first().textContent()).toBe(`密钥 ${before} 已退役。`);
      expect(await older.getByTestId('key-usage').textContent()).toBe('不再签发');
      expect((await consoleHub.hub.store.keys.list()).find((k) => k.kid === before)?.retiredMs).not.toBeNull();
      expect(dialogs).toEqual([]);
    });
  });

  it('shows each thumbprint whole, grouped for reading and copied without the gaps, and lists the foreign issuers', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleHub.url });
      await c.tid('nav-keys').click();
      const table = c.tid('keys-table');
      await table.waitFor();
      const trust = (await consoleHub.hub.store.keys.list()).find((k) => k.role === 'trust');
      if (trust === undefined) throw new Error('e2e: the hub has no trust key');
      const thumbprint = jwkThumbprint(trust.publicJwk);
      const row = table.locator(`tr[data-kid="${trust.kid}"]`);
      const code = row.locator('.fingerprint code');
      expect(await code.textContent()).toBe(thumbprint);
      expect(await code.locator('.fp-group').count()).toBe(Math.ceil(thumbprint.length / 4));
      await row.getByRole('button', { name: `复制密钥 ${trust.kid} 的指纹` }).click();
      await expect.poll(() => row.locator('.fingerprint [role="status"]').textContent()).toBe('已复制');
      type Clipboard = { navigator: { clipboard: { readText(): Promise<string> } } };
      expect(await c.page.evaluate(() => (globalThis as unknown as Clipboard).navigator.clipboard.readText())).toBe(thumbprint);

      const issuers = c.tid('issuers-table');
      const huicaiRow = issuers.locator('tr[data-iss="sd-hrss"]');
      expect(await huicaiRow.textContent()).toContain('山东惠才卡');
      expect(await huicaiRow.textContent()).toContain('sd-1：金卡');
      expect(await huicaiRow.textContent()).toContain('尚未转发');
      expect(await c.tid('issuers').textContent()).toContain('jinka-hub issuer add');
      await c.screenshots('keys-issuers');
    });
  });

  it('registers another issuer after a preview of its thumbprints, sees it in the table, and relays its list (a forged one refused in words)', async () => {
    const jiangsu = generateSigningKey('js-1');
    const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-keys').click();
      const form = c.tid('register-issuer');
      await form.getByLabel('发卡方编号（iss）').fill('js-hrss');
      await form.getByLabel('显示名称').fill('江苏人才卡');
      await c.tid('issuer-keys-file').setInputFiles(file('js-keys.json', JSON.stringify([{ ...jiangsu.publicJwk, jinka_use: ['card', 'list'] }])));
      await expect.poll(() => c.tid('issuer-keys-file-name').textContent()).toBe('js-keys.json');
      await c.tid('issuer-preview').click();
      const preview = c.tid('issuer-preview-result');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('新发卡方');
      const row = c.tid('issuer-preview-keys').locator('tr[data-kid="js-1"]');
      expect(await row.getAttribute('data-change')).toBe('added');
      expect(await row.locator('.fingerprint code').textContent()).toBe(jwkThumbprint(jiangsu.publicJwk));
      expect(await c.tid('compare-thumbprints').textContent()).toMatch(/电话或公函/);
      expect((await consoleHub.hub.store.issuers.list()).map((i) => i.iss)).not.toContain('js-hrss');
      await c.screenshots('keys-issuer-preview');
      await c.tid('issuer-register-submit').click();
      const tableRow = c.tid('issuers-table').locator('tr[data-iss="js-hrss"]');
      await expect.poll(() => tableRow.count()).toBe(1);
      expect(await tableRow.textContent()).toContain('江苏人才卡');
      expect(await c.page.getByRole('status').first().textContent()).toMatch(/^发卡方 js-hrss 已登记，信任列表版本 \d+ 已发布。$/);

      const iat = Math.floor(Date.now() / 1000);
      const list = (key: typeof jiangsu) => signEs256({ iss: 'js-hrss', typ: 'jinka/revocations', seq: 2, base: 0, iat, revoked: [{ sub: 'JS-LOST-1' }] }, key.privateKey, 'js-1');
      const relay = c.tid('relay-list');
      await c.tid('relay-file').setInputFiles(file('forged.jws', list(generateSigningKey('js-1'))));
      await c.tid('relay-submit').click();
      await expect.poll(() => relay.getByRole('alert').textContent()).toBe('签名不对：名单不是用该发卡方的密钥签发的，或已被改动。');
      await c.tid('relay-file').setInputFiles(file('js-2.jws', list(jiangsu)));
      // The page reads the chosen file after the change event, and the button is still enabled by the
      // forged one: wait until the new file is the one chosen, or the click may send the forged list again.
      await expect.poll(() => c.tid('relay-file-name').textContent()).toBe('js-2.jws');
      await c.tid('relay-submit').click();
      await expect.poll(() => relay.getByRole('status').textContent()).toBe('已转发 js-hrss 的注销名单（序号 2）。');
      await expect.poll(() => tableRow.locator('td.num').textContent()).toBe('2');
      expect(c.errors).toEqual([]);
    });
  });

  it('shows an auditor the keys and no rotate form', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-keys').click();
      await c.tid('keys-table').waitFor();
      expect(await c.page.locator('[data-testid="rotate-form"]').count()).toBe(0);
      expect(await c.tid('keys-table').getByRole('button', { name: /退役/ }).count()).toBe(0);
      expect(await c.page.locator('[data-testid="register-issuer"], [data-testid="relay-list"]').count()).toBe(0);
    });
  });
});
