import { describe, expect, it } from 'vitest';
import { parseEnrolQr } from '../../shared/sync/enrol-qr.js';
import { enrol } from '../hub/hub-fixtures.js';
import { useConsoleHub } from './console-page.js';

/**
 * The console's terminals page in Chromium (issue 11): an officer makes an enrolment and gets a
 * printable sheet whose QR image loads under the console's CSP and carries the hub's handshake;
 * printed, only the sheet shows. An auditor sees the list and no enrolment form.
 */
describe('the bureau console: terminals', () => {
  // The enrolment QR names the configured public URL (serve --public-url), so the port is chosen first.
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
    publicUrl: true,
    // One enrolled terminal in the list, as a site would have after its first scan.
    seed: async (hub) => {
      await enrol(hub, 'T-cinema-1', '东昌影城', 'cinema');
    },
  });

  it('makes an enrolment whose printable sheet shows the QR (loaded under the CSP) and the code', async () => {
    await consoleHub.signedIn('officer', async (c) => {
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
      expect(qr.value).toMatchObject({ handshake_version: 1, url: consoleHub.url, token: code });
    });
  });

  it('lists an enrolled terminal with its service’s catalogue name, disables it with a reason after asking, and shows when and why', async () => {
    const cinema = (await consoleHub.hub.rules()).rules.services.find((s) => s.id === 'cinema');
    if (cinema === undefined) throw new Error('the test rules have no cinema service');
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-terminals').click();
      const row = c.tid('terminal-table').locator('tr[data-terminal="T-cinema-1"]');
      await row.waitFor();
      // The service as the catalogue names it (Chinese first), never its internal id; the table says what it lists.
      await expect.poll(() => row.locator('td').nth(1).textContent()).toBe(cinema.name.zh);
      expect(await c.tid('terminal-table').locator('caption').textContent()).toMatch(/^共 1 台终端，截至 /);
      await c.screenshots('terminal-list');
      await row.getByRole('button', { name: '停用' }).click();
      const ask = c.tid('terminal-disable');
      // Nothing is disabled until a reason is given and the second button pressed.
      expect(await ask.getByRole('button', { name: '确认停用' }).isEnabled()).toBe(false);
      expect((await consoleHub.hub.store.terminals.get('T-cinema-1'))?.disabledMs).toBeNull();
      await ask.getByLabel('停用 T-cinema-1 的原因').fill('终端被盗，已报警');
      await ask.getByRole('button', { name: '确认停用' }).click();
      await expect.poll(() => row.locator('.badge').first().textContent()).toBe('已停用');
      const stored = await consoleHub.hub.store.terminals.get('T-cinema-1');
      expect(stored?.disabledReason).toBe('终端被盗，已报警');
      expect(stored?.disabledMs).not.toBeNull();
      expect(await row.getByTestId('terminal-disabled').textContent()).toMatch(/^停用于 .+原因：终端被盗，已报警$/);
      expect(await row.getByRole('button', { name: '停用' }).count()).toBe(0);
      await c.screenshots('terminal-disabled');
    });
  });

  it('shows an auditor the terminal list and no enrolment form', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-terminals').click();
      await c.page.getByRole('heading', { name: '终端列表' }).waitFor();
      expect(await c.page.locator('[data-testid="enrol-form"]').count()).toBe(0);
      await c.tid('terminal-table').locator('tr[data-terminal="T-cinema-1"]').waitFor();
      expect(await c.tid('terminal-table').getByRole('button').count()).toBe(0);
    });
  });
});
