import { describe, expect, it } from 'vitest';
import { setTotpRoles, totpRoles } from '../../hub/console/staff-sign-in.js';
import { staffPassword, useConsoleHub, type ConsolePage } from './console-page.js';

/** The confirmation a change on the staff page asks, its question, and its buttons. */
async function confirmWith(c: ConsolePage, question: RegExp, button: string): Promise<void> {
  const ask = c.tid('staff-confirm');
  await expect.poll(() => ask.locator('h3').textContent()).toMatch(question);
  await ask.getByRole('button', { name: button }).click();
  await ask.waitFor({ state: 'detached' });
}

/**
 * The staff page as an admin uses it (issue 11): change a role, reset a password, disable and
 * enable, reset an authenticator, require one per role — each through the page, each checked in
 * the store — with disabling, a new role and an authenticator reset asked first in the console's
 * language; the admin's own row warns, and the last admin cannot disable or demote themselves.
 */
describe('the bureau console: staff', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'admin', role: 'admin', name: '王管理' },
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'clerk', role: 'officer', name: '孙办事' },
    ],
  });
  const row = (c: ConsolePage, id: string) => c.tid('staff-table').locator(`tr[data-staff="${id}"]`);

  it('changes a role and disables an account only after asking; a cancel changes nothing', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-staff').click();
      const clerk = row(c, 'clerk');
      await clerk.getByRole('button', { name: '停用' }).click();
      await expect.poll(() => c.tid('staff-confirm').locator('h3').textContent()).toBe('停用 孙办事（clerk）的账号？');
      expect(await c.tid('staff-confirm').textContent()).not.toContain('你自己的账号');
      await c.screenshots('staff-confirm-disable');
      await c.tid('staff-confirm').getByRole('button', { name: '取消' }).click();
      expect((await consoleHub.hub.store.staff.get('clerk'))?.disabledMs).toBeNull();

      await clerk.getByRole('button', { name: '停用' }).click();
      await confirmWith(c, /^停用 孙办事（clerk）的账号？$/, '确认停用');
      await expect.poll(async () => (await consoleHub.hub.store.staff.get('clerk'))?.disabledMs).not.toBeNull();
      await expect.poll(() => clerk.locator('.badge').first().textContent()).toBe('已停用');
      // Enabling again needs no question: it locks nobody out.
      await clerk.getByRole('button', { name: '启用' }).click();
      await expect.poll(async () => (await consoleHub.hub.store.staff.get('clerk'))?.disabledMs).toBeNull();

      await clerk.getByLabel('clerk 的角色').selectOption('auditor');
      await clerk.getByRole('button', { name: '更改角色' }).click();
      await confirmWith(c, /^将 孙办事（clerk）的角色改为审计员？$/, '确认更改');
      await expect.poll(async () => (await consoleHub.hub.store.staff.get('clerk'))?.role).toBe('auditor');
    });
  });

  it('resets a password (the new one signs in, the old one no longer does) and requires an authenticator of a role through the page', async () => {
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-staff').click();
      await row(c, 'officer').getByRole('button', { name: '重设密码' }).click();
      await c.page.getByLabel('officer 的新密码').fill('officer-new-password-2');
      await c.page.getByRole('button', { name: '保存新密码' }).click();
      await c.page.getByLabel('officer 的新密码').waitFor({ state: 'detached' });
      await c.page.getByRole('checkbox', { name: '经办人' }).check();
      await c.page.getByRole('button', { name: '保存', exact: true }).click();
      await expect.poll(() => totpRoles(consoleHub.hub.store)).toEqual(['officer']);
    });
    try {
      await consoleHub.withPage(async (c) => {
        await c.signIn('officer', staffPassword('officer'));
        await expect.poll(() => c.tid('sign-in-problem').textContent()).toBe('账号或密码不对。');
        await c.tid('sign-in-password').fill('officer-new-password-2');
        await c.tid('sign-in-submit').click();
        // The role now needs an authenticator: the officer is sent to set one up first.
        await c.tid('totp-start').waitFor();
      });
    } finally {
      await setTotpRoles(consoleHub.hub.store, []);
    }
  });

  it('resets an authenticator after asking, and warns on the admin’s own row; the last admin cannot disable or demote themselves', async () => {
    await consoleHub.hub.store.staff.setTotpPending('officer', 'sealed-for-the-test');
    await consoleHub.hub.store.staff.confirmTotp('officer', 1);
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('nav-staff').click();
      await row(c, 'officer').getByRole('button', { name: '重设动态码' }).click();
      await confirmWith(c, /^重设 李经办（officer）的动态码？$/, '确认重设');
      await expect.poll(async () => (await consoleHub.hub.store.staff.get('officer'))?.totpSealed).toBeNull();

      const self = row(c, 'admin');
      expect(await self.locator('th').textContent()).toBe('admin本人');
      await self.getByRole('button', { name: '停用' }).click();
      await expect.poll(() => c.tid('staff-confirm').textContent()).toContain('这是你自己的账号：确认后你将退出登录。');
      await c.screenshots('staff-confirm-self');
      await confirmWith(c, /^停用 王管理（admin）的账号？$/, '确认停用');
      await expect.poll(() => c.tid('page-problem').textContent()).toBe('控制台必须保留至少一名有效的管理员。');
      await self.getByLabel('admin 的角色').selectOption('officer');
      await self.getByRole('button', { name: '更改角色' }).click();
      await confirmWith(c, /^将 王管理（admin）的角色改为经办人？$/, '确认更改');
      await expect.poll(() => c.tid('page-problem').textContent()).toBe('控制台必须保留至少一名有效的管理员。');
      const admin = await consoleHub.hub.store.staff.get('admin');
      expect([admin?.role, admin?.disabledMs]).toEqual(['admin', null]);
      // Still signed in: the refused change ended no session.
      expect(await c.tid('signed-in-as').textContent()).toBe('王管理（管理员）');

      // The staff log says each of these in words, not codes.
      await c.tid('nav-staff-log').click();
      // The page fetches the log after it shows: wait until every row this test made is there.
      const outcomeCells = c.tid('log-table').locator('tbody tr td:last-child');
      const made = ['成功（经办人 → 审计员）', '成功（已停用）', '成功（经办人）', '拒绝：控制台必须保留至少一名有效的管理员。'];
      await expect.poll(() => outcomeCells.allTextContents()).toEqual(expect.arrayContaining(made));
      const outcomes = await outcomeCells.allTextContents();
      expect(outcomes.filter((o) => /[a-z]/.test(o))).toEqual([]);
      const actions = await c.tid('log-table').locator('tbody tr td:nth-child(5)').allTextContents();
      expect(actions.filter((a) => /[a-z]/.test(a))).toEqual([]);
      await c.screenshots('staff-log-words');
    });
  });
});
