import { describe, expect, it } from 'vitest';
import { holder, issue } from '../hub/hub-fixtures.js';
import { useConsoleHub } from './console-page.js';

/** A resident ID number (GB 11643) with its right check character, and the same with a wrong one. */
function residentId(body17: string): { good: string; bad: string } {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432';
  const sum = weights.reduce((s, w, i) => s + w * Number(body17[i]), 0);
  const right = check[sum % 11] ?? '0';
  const wrong = right === '1' ? '2' : '1';
  return { good: `${body17}${right}`, bad: `${body17}${wrong}` };
}

/**
 * The console's overview and cards in Chromium, as an officer uses them (issue 11): the overview
 * loads; issue one card with the ID check character checked as typed; find it by its number and
 * by the holder's ID number (which the page never shows back). An auditor sees no issue form.
 */
describe('the bureau console: overview and cards', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
    seed: (hub) => issue(hub, [holder(1), holder(2, '王小红', 1)]).then(() => undefined),
  });

  it('shows an officer the overview, issues one card checking the ID number as typed, and finds it by number and by ID number', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('overview-cards').waitFor();
      await expect.poll(() => c.tid('overview-cards').locator('.tile-value').textContent()).toBe('2');
      await c.screenshots('overview-officer');

      await c.tid('nav-cards').click();
      const form = c.tid('issue-card');
      await form.getByLabel('持卡人姓名').fill('陈建国');
      const id = residentId('37150219800101123');
      await c.tid('issue-id').fill(id.bad);
      await expect.poll(() => c.tid('issue-id-problem').textContent()).toContain('校验位不符');
      expect(await c.tid('issue-submit').isEnabled()).toBe(false);
      await c.tid('issue-id').fill(id.good);
      await expect.poll(() => c.tid('issue-submit').isEnabled()).toBe(true);
      await c.tid('issue-submit').click();
      const issued = form.getByTestId('card-summary');
      await issued.waitFor();
      const sub = (await issued.getAttribute('data-sub')) ?? '';
      expect(sub).toMatch(/^[A-Z0-9-]+$/);
      expect(await issued.textContent()).toContain('陈*国');
      expect(await issued.textContent()).not.toContain(id.good);
      await c.tid('card-table').locator(`tr[data-sub="${sub}"]`).waitFor();
      await c.screenshots('cards-issued');

      await c.tid('find-sub').fill(sub.toLowerCase());
      await c.tid('find-sub').press('Enter');
      await expect.poll(() => c.tid('find-result').getByTestId('card-summary').getAttribute('data-sub')).toBe(sub);

      await c.tid('find-id').fill(id.good);
      await c.tid('find-id').press('Enter');
      await expect.poll(() => c.tid('find-id').inputValue()).toBe('');
      await expect.poll(() => c.tid('find-result').getByTestId('card-summary').getAttribute('data-sub')).toBe(sub);
      expect(await c.page.content()).not.toContain(id.good);
      await c.screenshots('cards-found');
    });
  });

  it('revokes a card with a reason behind the typed card number, and re-issues another', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-cards').click();
      const list = c.tid('card-table');
      await list.getByRole('button', { name: '详情 LC-A-000002' }).click();
      const detail = c.tid('card-detail');
      await detail.getByTestId('withdraw').waitFor();
      await c.tid('withdraw-reason').fill('持卡人已调离聊城');
      await c.tid('withdraw-confirm').fill('LC-A-000001');
      expect(await c.tid('revoke-submit').isEnabled()).toBe(false);
      await c.tid('withdraw-confirm').fill('lc-a-000002');
      await c.screenshots('card-revoke-confirm');
      await c.tid('revoke-submit').click();
      await expect.poll(() => detail.getByTestId('card-summary').locator('.badge').textContent()).toBe('已注销');
      expect((await consoleHub.hub.store.cards.get('LC-A-000002'))?.revokedMs).not.toBeNull();
      await expect.poll(() => list.locator('tr[data-sub="LC-A-000002"] .badge').textContent()).toBe('已注销');

      await list.getByRole('button', { name: '详情 LC-A-000001' }).click();
      await c.tid('withdraw-reason').fill('卡片遗失');
      await c.tid('withdraw-confirm').fill('LC-A-000001');
      await c.tid('reissue-submit').click();
      await expect.poll(() => c.tid('detail-notice').textContent()).toMatch(/金卡 LC-A-000001 已注销，新卡为 LC-A-\d+。/);
      expect((await consoleHub.hub.store.cards.get('LC-A-000001'))?.revokedMs).not.toBeNull();
      await c.screenshots('card-reissued');
    });
  });

  it('shows an auditor the cards but no issue form, and the API refuses the auditor’s issue anyway', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('overview-cards').waitFor();
      await c.tid('nav-cards').click();
      await c.tid('card-table').waitFor();
      expect(await c.page.locator('[data-testid="issue-card"]').count()).toBe(0);
      const before = await consoleHub.hub.store.cards.count();
      const refused = await c.postFromPage('/cards/issue', { name: '内鬼', idNumber: residentId('37150219800101124').good, category: 1, validFrom: '2026-01-01', validUntil: '2026-12-31' });
      expect(refused).toEqual({ status: 403, error: 'FORBIDDEN' });
      expect(await consoleHub.hub.store.cards.count()).toBe(before);
    });
  });
});
