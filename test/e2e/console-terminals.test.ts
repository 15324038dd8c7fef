import { describe, expect, it } from 'vitest';
import { parseEnrolQr } from '../../shared/sync/enrol-qr.js';
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

  it('shows an auditor the terminal list and no enrolment form', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-terminals').click();
      await c.page.getByRole('heading', { name: '终端列表' }).waitFor();
      expect(await c.page.locator('[data-testid="enrol-form"]').count()).toBe(0);
    });
  });
});
