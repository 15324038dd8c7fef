import { describe, expect, it } from 'vitest';
import { enrol, holder, issue } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';

/**
 * The controls an auditor may press: the language, sign-out, paging, finding and filtering a card,
 * opening its detail, choosing a report's range. Anything else on a page an auditor sees would be a
 * change offered to a role that changes nothing (issue 11).
 */
const READ_ONLY = /^(English|中文|退出登录|加载更多|上一页|下一页|第一页|最新|查找|按卡号查找|按身份证号查找|详情 .+|关闭详情|复制.+的指纹|查看|查询|显示|筛选|清除筛选|今天|本月|上月|近 ?\d+ 天|本年|应用)$/;

/** Every enabled button, submit input and file chooser on the page, by its accessible name. */
async function controls(c: ConsolePage): Promise<string[]> {
  const found = c.page.locator('button:visible, input[type=submit]:visible, input[type=file]:visible');
  const names: string[] = [];
  for (const control of await found.all()) {
    if (!(await control.isEnabled())) continue;
    names.push(((await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? (await control.inputValue().catch(() => ''))).trim());
  }
  return names;
}

/** Test ids of every change form or button the console has: none may be on an auditor's page. */
const CHANGE_IDS = ['withdraw', 'revoke-submit', 'reissue-submit', 'issue-card', 'issue-submit', 'roster-confirm', 'enrol-form', 'terminal-disable', 'flag-resolve', 'resolve-form', 'rules-publish', 'rules-file', 'rotate-form', 'add-staff', 'staff-table', 'staff-confirm'];

/**
 * An auditor walks every console page, the card detail included, and finds no enabled change
 * control: no revoke or re-issue form, no terminal disable, no rules publish, no key rotation or
 * retirement, no staff page, no flag resolution — only reading, finding and paging.
 */
describe('the bureau console: an auditor sees no change anywhere', () => {
  const consoleHub = useConsoleHub({
    staff: [{ id: 'auditor', role: 'auditor', name: '赵审计' }],
    seed: async (hub) => {
      await issue(hub, [holder(1)]);
      await enrol(hub, 'T-audit-1', '东昌影城', 'cinema');
      await hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T-audit-1', detail: 'clock +2 h' }], hub.now());
    },
  });

  it('walks overview, cards and a card’s detail, usage, flags, terminals, rules, keys and the staff log', async () => {
    const [card] = await consoleHub.hub.store.cards.list({ limit: 1 });
    if (card === undefined) throw new Error('no card seeded');
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('signed-in-as').waitFor();
      const navigation = await c.page.getByRole('navigation').getByRole('link').allTextContents();
      expect(navigation).toEqual(['概览', '金卡', '使用统计', '异常提示', '核验终端', '服务规则', '密钥', '操作日志']);
      const seen: Record<string, string[]> = {};
      for (const page of ['overview', 'cards', 'usage', 'flags', 'terminals', 'rules', 'keys', 'staff-log'] as const) {
        // The page's reads land before looking for what it offers: its controls come with its data.
        await c.goTo(page);
        if (page === 'cards') {
          await c.tid('card-table').getByRole('button', { name: `详情 ${card.sub}` }).click();
          await c.tid('card-detail').getByTestId('card-quotas').waitFor();
        }
        if (page === 'flags') await c.tid('flag').first().waitFor();
        if (page === 'terminals') await c.tid('terminal-table').waitFor();
        seen[page] = await controls(c);
        for (const id of CHANGE_IDS) expect([page, id, await c.page.locator(`[data-testid="${id}"]`).count()]).toEqual([page, id, 0]);
        await c.screenshot(`auditor-${page}`);
      }
      const offered = Object.entries(seen).flatMap(([page, names]) => names.filter((n) => !READ_ONLY.test(n)).map((n) => `${page}: ${n}`));
      expect(offered).toEqual([]);
    });
  });
});
