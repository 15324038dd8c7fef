import { describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../electron/core/sync/enrol.js';
import { downloadChanges } from '../../electron/core/sync/download-step.js';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { openSession } from '../../electron/core/sync/sync-session.js';
import type { Terminal } from '../../electron/core/terminal.js';
import { syncDetails } from '../../electron/core/sync/sync-status.js';
import type { StoredCard } from '../../hub/store/hub-store.js';
import { createEnrolCode } from '../../hub/terminals/enrolment.js';
import { holder, issue, recordUse, terminalFromHub } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';

/** What the counter's core decides for a card at the cinema now: the decision and its reason codes (DESIGN §6). */
function scan(terminal: Terminal, token: string): { decision: string; reasons: readonly string[] } {
  const { decision } = terminal.verify({ token, service: 'cinema', atMs: Date.now(), companions: {} });
  return { decision: decision.decision, reasons: decision.reasons };
}

/** One sync round of the terminal's own client against the hub over HTTP; it must end clean. */
async function sync(terminal: Terminal): Promise<void> {
  const report = await runSyncRound(terminal);
  expect(report.state, JSON.stringify(report.notices)).toBe('idle');
}

/** Opens a card's detail from the cards list. */
async function openCard(c: ConsolePage, sub: string): Promise<void> {
  await c.tid('nav-cards').click();
  await c.tid('card-table').getByRole('button', { name: `详情 ${sub}` }).click();
  await c.tid('card-detail').getByTestId('card-summary').waitFor();
}

/** Types the reason and the card number again, as Art. 34's confirmation asks. */
async function confirmWithdrawal(c: ConsolePage, sub: string, reason: string): Promise<void> {
  await c.tid('withdraw-reason').fill(reason);
  await c.tid('withdraw-confirm').fill(sub);
  await expect.poll(() => c.tid('revoke-submit').isEnabled()).toBe(true);
}

/**
 * Issue 11: revoke a card in the console and see a real enrolled terminal reject it after its
 * next sync. The terminal is the counter's own core with its own sync client, enrolled at the hub
 * with a one-time code over HTTP; the officer and the auditor use the console in Chromium.
 */
describe('the bureau console: a revocation reaches an enrolled terminal', () => {
  let cards: StoredCard[] = [];
  const consoleHub = useConsoleHub({
    clock: Date.now,
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
    seed: async (hub) => {
      cards = await issue(hub, [holder(1, '张三明'), holder(2, '王小红')]);
    },
  });

  it('an officer revokes a card (Art. 34) and re-issues another through the pages; the terminal refuses the old tokens and takes the new one after its sync', async () => {
    const [revoked, replaced] = cards;
    if (revoked === undefined || replaced === undefined) throw new Error('e2e: no cards issued');
    const hub = consoleHub.hub;
    let unsent = 0;
    const { terminal, cleanup } = await terminalFromHub(hub, Date.now);
    try {
      const { code } = await createEnrolCode(hub, { site: '东昌影城', service: 'cinema' });
      const enrolled = await enrolTerminal(terminal, { hubUrl: consoleHub.url, code, terminalId: 'CINEMA-1', site: '东昌影城', service: 'cinema' });
      expect(enrolled.ok, JSON.stringify(enrolled)).toBe(true);
      await sync(terminal);

      // Before: both cards are accepted at the counter; one use is recorded and uploaded.
      expect(scan(terminal, revoked.token)).toEqual({ decision: 'accept', reasons: [] });
      expect(scan(terminal, replaced.token)).toEqual({ decision: 'accept', reasons: [] });
      recordUse(terminal, revoked.token, 'cinema', Date.now() - 60_000);
      await sync(terminal);

      await consoleHub.signedIn('officer', async (c) => {
        await openCard(c, revoked.sub);
        // The use the terminal uploaded is on the card's page.
        await expect.poll(() => c.tid('card-detail').textContent()).toContain('东昌影城');
        await confirmWithdrawal(c, revoked.sub, '持卡人已调离聊城');
        await c.tid('revoke-submit').click();
        const summary = c.tid('card-detail').getByTestId('card-summary');
        await expect.poll(() => summary.locator('.badge').textContent()).toBe('已注销');
        await expect.poll(() => summary.textContent()).toContain('持卡人已调离聊城');
        await c.screenshots('revoke-detail');
      });

      // The counter still accepts the card until it syncs: it decides offline from the lists it holds.
      expect(scan(terminal, revoked.token).decision).toBe('accept');
      await sync(terminal);
      expect(scan(terminal, revoked.token)).toEqual({ decision: 'reject', reasons: ['REVOKED'] });
      expect(scan(terminal, replaced.token).decision).toBe('accept');

      // Re-issue through the console: the old card is revoked, the new one downloaded from its page.
      let newToken = '';
      await consoleHub.signedIn('officer', async (c) => {
        await openCard(c, replaced.sub);
        await confirmWithdrawal(c, replaced.sub, '卡片遗失');
        await c.tid('reissue-submit').click();
        await expect.poll(() => c.tid('detail-notice').textContent()).toMatch(new RegExp(`金卡 ${replaced.sub} 已注销，新卡为 LC-[A-Z]-\\d+。`));
        const newSub = /新卡为 (LC-[A-Z]-\d+)/.exec((await c.tid('detail-notice').textContent()) ?? '')?.[1] ?? '';
        newToken = await c.page.evaluate(async (sub) => (await fetch(`/console/api/cards/${sub}/token.txt`)).text(), newSub);
      });
      newToken = newToken.trim().split(/\s+/).find((part) => part.split('.').length === 3) ?? '';
      expect(newToken).not.toBe('');
      // Before the sync the counter cannot know the new card's predecessor is withdrawn.
      expect(scan(terminal, replaced.token).decision).toBe('accept');
      await sync(terminal);
      expect(scan(terminal, replaced.token)).toEqual({ decision: 'reject', reasons: ['REVOKED'] });
      expect(scan(terminal, newToken)).toEqual({ decision: 'accept', reasons: [] });
      expect(scan(terminal, revoked.token)).toEqual({ decision: 'reject', reasons: ['REVOKED'] });

      // The new card used while uploads cannot get through: the next bundle request says how many entries wait.
      recordUse(terminal, newToken, 'cinema', Date.now() - 30_000);
      unsent = syncDetails(terminal).pendingEntries;
      const session = openSession(terminal);
      if (!session.ok) throw new Error('e2e: no sync session');
      expect((await downloadChanges(session.value)).ok).toBe(true);
    } finally {
      cleanup();
    }

    // The auditor reads the revoked card with its reason, gets no form to change it, and finds both withdrawals in the staff log.
    await consoleHub.signedIn('auditor', async (c) => {
      await openCard(c, revoked.sub);
      const detail = c.tid('card-detail');
      await expect.poll(() => detail.getByTestId('card-summary').locator('.badge').textContent()).toBe('已注销');
      expect(await detail.getByTestId('card-summary').textContent()).toContain('持卡人已调离聊城');
      expect(await c.page.locator('[data-testid="withdraw"], [data-testid="revoke-submit"], [data-testid="reissue-submit"]').count()).toBe(0);
      expect(await detail.getByRole('button', { name: /注销|换发/ }).count()).toBe(0);
      await c.screenshots('revoke-auditor-detail');

      await c.tid('nav-staff-log').click();
      const rows = c.tid('log-table').locator('tbody tr');
      await rows.first().waitFor();
      const logged = (action: string): Promise<string[]> => rows.filter({ has: c.page.locator(`td[title="${action}"]`) }).allTextContents();
      await expect.poll(() => logged('cards.revoke')).toEqual([expect.stringContaining(revoked.sub)]);
      const revokedRow = (await logged('cards.revoke'))[0] ?? '';
      expect(revokedRow).toContain('officer');
      expect(await logged('cards.reissue')).toEqual([expect.stringContaining(`${replaced.sub} -> LC-`)]);
      await c.screenshots('revoke-staff-log');

      // The terminals page shows what the terminal said it still has to upload.
      await c.tid('nav-terminals').click();
      const row = c.tid('terminal-table').locator('tr[data-terminal="CINEMA-1"]');
      expect(unsent).toBeGreaterThanOrEqual(2);
      await expect.poll(() => row.locator('td.num').nth(2).textContent()).toBe(String(unsent));
      await c.screenshots('revoke-terminals-pending');
    });
  });
});
