import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { setTotpRoles } from '../../hub/console/staff-sign-in.js';
import { hotp, totpStep } from '../../hub/console/totp.js';
import type { StaffRole } from '../../shared/console/console-api.js';
import { testClock, type TestClock } from '../hub/hub-fixtures.js';
import { staffPassword, useConsoleHub } from './console-page.js';

const PASSWORDS: Record<StaffRole, string> = { admin: staffPassword('admin'), officer: staffPassword('officer'), auditor: staffPassword('auditor') };
const NAMES: Record<StaffRole, string> = { admin: '王管理', officer: '李经办', auditor: '赵审计' };

/** Decodes the RFC 4648 base32 key the set-up page shows (spaces between groups), for the test's own authenticator. */
function fromBase32(shown: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of shown.replace(/\s/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Reads the one QR code in a PNG (a screenshot of what the page drew) with zxing-wasm, as a phone's authenticator would. */
async function readQrPng(png: Buffer): Promise<string> {
  const found = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], maxNumberOfSymbols: 1 });
  const text = found.find((r) => r.isValid)?.text;
  if (text === undefined) throw new Error('no QR code in the picture');
  return text;
}

beforeAll(async () => {
  // The .wasm from node_modules: nothing is fetched.
  const require = createRequire(import.meta.url);
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer }, fireImmediately: true });
});

/**
 * The console in Chromium as staff use it (issue 11's tests): sign-in, lockout and the
 * authenticator step; each role's navigation; an auditor sees no change button and the API
 * refuses the change anyway. Screenshots at 1366×768 and 1920×1080 in test-artifacts/console/.
 */
describe('the bureau console: sign-in and roles', () => {
  const clock: TestClock = testClock(Date.now());
  const consoleHub = useConsoleHub({
    clock,
    staff: [
      ...(['admin', 'officer', 'auditor'] as const).map((role) => ({ id: role, role, name: NAMES[role] })),
      { id: 'clerk', role: 'officer', name: '孙办事' },
    ],
  });

  it('signs an admin in (Chinese first), shows the admin’s pages, switches to English, lists staff, and signs out', async () => {
    await consoleHub.withPage(async (c) => {
      await expect(c.page.locator('h1').textContent()).resolves.toBe('工作人员登录');
      await c.screenshots('sign-in');
      await c.signIn('admin', PASSWORDS.admin);
      await expect.poll(() => c.tid('signed-in-as').textContent()).toBe('王管理（管理员）');
      expect(await c.page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['概览', '金卡', '使用统计', '异常提示', '核验终端', '服务规则', '密钥', '工作人员', '操作日志']);
      await c.tid('nav-staff').click();
      await c.tid('staff-table').locator('tr[data-staff="clerk"]').waitFor();
      // Adding an account is a change: it carries the session's CSRF token, or the hub would refuse it.
      const add = c.tid('add-staff');
      await add.getByLabel('账号').fill('teller');
      await add.getByLabel('姓名').fill('周柜员');
      await add.getByLabel('初始密码').fill('teller-password-1');
      await add.getByRole('button', { name: '添加账号' }).click();
      await c.tid('staff-table').locator('tr[data-staff="teller"]').waitFor();
      expect((await consoleHub.hub.store.staff.get('teller'))?.role).toBe('officer');
      await c.screenshots('staff-admin');
      await c.page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => c.page.locator('h1').textContent()).toBe('Staff');
      await c.tid('nav-staff-log').click();
      await c.tid('log-chain').waitFor();
      expect(await c.tid('log-chain').textContent()).toContain('intact');
      await expect.poll(() => c.tid('log-table').locator('tbody tr').last().textContent()).toContain('Staff added');
      await c.screenshots('staff-log-en');
      await c.page.getByRole('button', { name: '中文' }).click();
      await c.tid('sign-out').click();
      await c.tid('sign-in-id').waitFor();
      // The cookie is gone with the session: a reload asks to sign in again.
      await c.page.reload();
      await c.tid('sign-in-id').waitFor();
    });
  });

  it('says the account or password is wrong, then that the account is locked, and keeps it locked for the right password', async () => {
    await consoleHub.withPage(async (c) => {
      await c.signIn('clerk', 'wrong-password-0');
      await expect.poll(() => c.tid('sign-in-problem').textContent()).toBe('账号或密码不对。');
      for (let i = 1; i < 5; i++) {
        await c.tid('sign-in-password').fill(`wrong-password-${i}`);
        await c.tid('sign-in-submit').click();
        await expect.poll(() => c.tid('sign-in-submit').isEnabled()).toBe(true);
      }
      await expect.poll(() => c.tid('sign-in-problem').textContent()).toContain('此账号已锁定');
      await c.tid('sign-in-password').fill('clerk-password-1');
      await c.tid('sign-in-submit').click();
      await expect.poll(() => c.tid('sign-in-problem').textContent()).toMatch(/此账号已锁定，请约 1[45] 分钟后再试/);
      await c.screenshots('sign-in-locked');
      expect(await c.page.locator('[data-testid="signed-in-as"]').count()).toBe(0);
    });
  });

  it('makes an officer set up the authenticator the role requires by scanning its QR, then asks for its code at the next sign-in', async () => {
    await setTotpRoles(consoleHub.hub.store, ['officer']);
    try {
      await consoleHub.signedIn('officer', async (c) => {
        // Without the phone at hand the officer can leave the set-up page: the session ends at the hub too.
        await c.tid('totp-sign-out').click();
        await c.tid('sign-in-submit').waitFor();
        expect(await c.page.evaluate(async () => (await fetch('/console/api/session')).status)).toBe(401);
        await c.signIn('officer', PASSWORDS.officer);
        await c.tid('totp-start').click();
        // The phone scans the QR the page draws: an otpauth URI naming the hub's issuer and this account.
        const uri = new URL(await readQrPng(await c.tid('totp-qr').screenshot()));
        expect(`${uri.protocol}//${uri.host}`).toBe('otpauth://totp');
        expect(decodeURIComponent(uri.pathname)).toContain('officer');
        const scanned = uri.searchParams.get('secret') ?? '';
        // The key typed by hand, shown in groups of four, is the same key.
        const shown = (await c.tid('totp-secret').textContent()) ?? '';
        expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
        expect(shown.replace(/\s/g, '')).toBe(scanned);
        const key = fromBase32(scanned);
        expect(key.length).toBeGreaterThanOrEqual(20);
        await c.screenshots('totp-setup');
        await c.tid('totp-code').fill(hotp(key, totpStep(clock())));
        await c.tid('totp-confirm').click();
        await expect.poll(() => c.tid('signed-in-as').textContent()).toBe('李经办（经办人）');
        await c.tid('sign-out').click();

        // The next sign-in asks for the code on a second step; a wrong code is refused.
        clock.advance(31_000);
        await c.signIn('officer', PASSWORDS.officer);
        await c.tid('sign-in-totp').waitFor();
        await c.screenshots('sign-in-totp');
        await c.tid('sign-in-totp').fill('000000' === hotp(key, totpStep(clock())) ? '111111' : '000000');
        await c.tid('sign-in-submit').click();
        await expect.poll(() => c.tid('sign-in-problem').textContent()).toBe('动态码不对或已用过：请等验证器显示下一个动态码后再输入。');
        await c.tid('sign-in-totp').fill(hotp(key, totpStep(clock())));
        await c.tid('sign-in-submit').click();
        await expect.poll(() => c.tid('signed-in-as').textContent()).toBe('李经办（经办人）');
      });
    } finally {
      await setTotpRoles(consoleHub.hub.store, []);
    }
  });

  it('shows an auditor the staff log and no change button, and the API refuses the auditor’s change anyway', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-staff-log').click();
      await c.tid('log-table').waitFor();
      expect(await c.page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['概览', '金卡', '使用统计', '异常提示', '核验终端', '服务规则', '密钥', '操作日志']);
      // The only buttons: the language and sign-out (plus paging); the export is a link.
      const buttons = await c.page.getByRole('button').allTextContents();
      expect(buttons.filter((b) => !['English', '退出登录', '加载更多'].includes(b))).toEqual([]);
      await c.screenshots('staff-log-auditor');
      // Naming the admin's page in the address shows the auditor's first page instead.
      await c.page.goto(`${c.url}/console/#/staff`);
      await c.page.getByRole('heading', { name: '概览' }).waitFor();
      expect(await c.page.locator('[data-testid="staff-table"]').count()).toBe(0);
      const refused = await c.postFromPage('/staff', { id: 'mole', name: '内鬼', role: 'admin', password: 'mole-password-1' });
      expect(refused).toEqual({ status: 403, error: 'FORBIDDEN' });
      expect(await consoleHub.hub.store.staff.get('mole')).toBeUndefined();
    });
  });
});
