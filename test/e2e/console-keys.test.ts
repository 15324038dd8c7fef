import { describe, expect, it } from 'vitest';
import { PASSPHRASE } from '../hub/hub-fixtures.js';
import { useConsoleHub } from './console-page.js';

/**
 * The console's keys page in Chromium (issue 11): an admin rotates the signing key, which asks
 * for the hub passphrase again (a wrong one rotates nothing); an auditor sees the keys and no
 * rotate form.
 */
describe('the bureau console: keys', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'admin', role: 'admin' },
      { id: 'auditor', role: 'auditor' },
    ],
  });

  it('rotates the signing key only with the right passphrase', async () => {
    await consoleHub.signedIn('admin', async (c) => {
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
    });
  });

  it('shows an auditor the keys and no rotate form', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-keys').click();
      await c.tid('keys-table').waitFor();
      expect(await c.page.locator('[data-testid="rotate-form"]').count()).toBe(0);
      expect(await c.tid('keys-table').getByRole('button').count()).toBe(0);
    });
  });
});
