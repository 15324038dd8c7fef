import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub.js';
import { holder, issue } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';
import { pdfText } from './support/pdf-text.js';

/** A resident ID number (GB 11643) with its right check character, and the same with a wrong one. */
function residentId(body17: string): { good: string; bad: string } {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432';
  const sum = weights.reduce((s, w, i) => s + w * Number(body17[i]), 0);
  const right = check[sum % 11] ?? '0';
  const wrong = right === '1' ? '2' : '1';
  return { good: `${body17}${right}`, bad: `${body17}${wrong}` };
}

/** Two uses of LC-A-000001 an hour ago, at a cinema and a scenic area: what the card's detail shows. */
async function seedUses(hub: Hub): Promise<void> {
  const at = hub.now() - 3_600_000;
  for (const [id, service, site] of [
    ['u-cinema', 'cinema', 'site-east'],
    ['u-scenic', 'scenic', 'site-west'],
  ] as const) {
    await hub.store.uses.insert(
      { id, decisionId: `d-${id}`, iss: hub.settings.iss, sub: 'LC-A-000001', tier: 'A', service, beneficiary: '', atMs: at, realMs: at, companions: {}, companionsTotal: 0, ticket: null },
      { terminalId: null, auditSeq: null, site, receivedMs: at, carriedFrom: null, refused: null },
    );
  }
}

/** Clicks a download link and answers the saved file's path. */
async function download(c: ConsolePage, link: ReturnType<ConsolePage['tid']>, dir: string, name: string): Promise<string> {
  const [file] = await Promise.all([c.page.waitForEvent('download'), link.click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  return path;
}

/**
 * The console's overview and cards in Chromium, as an officer uses them (issue 11): the overview
 * loads; the page reads top-down as a clerk works (find and the list first, issuing in its own
 * tab); issue one card with the ID check character checked as typed and find its number in the
 * PDF sheet downloaded; find it by number and by the holder's ID number (never shown back); the
 * list's filters; a card's quotas and uses by service name; a revoked card offers no download
 * and its quotas are greyed. An auditor sees no issue form and no credential to download.
 */
describe('the bureau console: overview and cards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jinka-console-cards-'));
  /** The seeded tier C card (category 4, Art. 5). */
  let tierC = '';
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
    seed: async (hub) => {
      const cards = await issue(hub, [holder(1), holder(2, '王小红', 1), holder(3, '孙立新', 4)]);
      tierC = cards.find((card) => card.tier === 'C')?.sub ?? '';
      await seedUses(hub);
    },
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows an officer the overview, issues one card checking the ID number as typed, finds its number in the PDF, and finds it by number and by ID number', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('overview-cards').waitFor();
      await expect.poll(() => c.tid('overview-cards').locator('.tile-value').textContent()).toBe('3');
      await c.screenshots('overview-officer');

      await c.tid('nav-cards').click();
      // Find and the list come first; the issue form waits in its own tab.
      await c.tid('card-table').waitFor();
      expect(await c.page.locator('[data-testid="issue-card"]').count()).toBe(0);
      await c.screenshots('cards-find');
      await c.tid('cards-tab-issue').click();
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
      expect(sub).toMatch(/^LC-A-\d{6}$/);
      expect(await issued.textContent()).toContain('陈*国');
      expect(await issued.textContent()).not.toContain(id.good);
      // The card shows once: the list and the finder are in the other tab.
      expect(await c.page.getByTestId('card-summary').count()).toBe(1);
      await c.screenshots('cards-issued');

      const pdf = await download(c, issued.getByTestId('download-sheet'), dir, 'sheet.pdf');
      const text = pdfText(readFileSync(pdf));
      expect(text).toContain(sub);
      expect(text).toContain('陈*国');
      expect(text).not.toContain(id.good);

      await c.tid('cards-tab-find').click();
      await c.tid('card-table').locator(`tr[data-sub="${sub}"]`).waitFor();
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

  it('shows the list of the filter chosen last when an earlier filter’s answer or refusal lands after it, and none under a refusal of its own', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-cards').click();
      const subs = () => c.tid('card-table').locator('tbody tr').evaluateAll((rows: { getAttribute(name: string): string | null }[]) => rows.map((r) => r.getAttribute('data-sub')));
      await expect.poll(subs).toHaveLength(4);
      const nextFrame = () => c.page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() => resolve())));
      // Tier C's read is held back until the clerk has gone back to every tier and that answer
      // has landed; then it lands as it is, or as the hub's refusal.
      for (const late of ['answer', 'refusal'] as const) {
        let release = (): void => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        const tierC = /\/console\/api\/cards\?.*tier=C/;
        await c.page.route(tierC, async (route) => {
          await held;
          if (late === 'answer') await route.continue();
          else await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'UNAVAILABLE' }) });
        });
        const heldAnswer = c.page.waitForResponse(tierC);
        await c.tid('list-tier').selectOption('C');
        const allAnswer = c.page.waitForResponse((r) => r.url().includes('/console/api/cards?') && !r.url().includes('tier='));
        await c.tid('list-tier').selectOption('');
        await allAnswer;
        await expect.poll(subs).toHaveLength(4);
        release();
        await heldAnswer;
        // The late answer or refusal is for a filter no longer chosen: the list stays every tier's,
        // with no problem over it, frame after frame (twenty, well past its parse and render).
        for (let frame = 0; frame < 20; frame++) {
          await nextFrame();
          expect(await subs()).toHaveLength(4);
          expect(await c.page.getByRole('alert').allTextContents()).toEqual(expect.not.arrayContaining([expect.stringMatching(/\S/)]));
        }
        expect(await c.tid('list-tier').inputValue()).toBe('');
        await c.page.unroute(tierC);
      }
      // The read of the filter now chosen is refused: the refusal shows, and no other filter's
      // cards stand under it.
      await c.page.route(/\/console\/api\/cards\?.*tier=B/, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'UNAVAILABLE' }) }));
      await c.tid('list-tier').selectOption('B');
      await expect.poll(() => c.page.getByRole('alert').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/\S/)]));
      expect(await subs()).toEqual([]);
    });
  });

  it('filters the list by tier, state and issue day, and shows a card’s quotas and its uses by service name', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-cards').click();
      const table = c.tid('card-table');
      // The rows' card numbers in one read: rows listed first and read one by one can be gone by the
      // time each is read (the list is read again after each filter), and each such read waits 15 s.
      const subs = () => table.locator('tbody tr').evaluateAll((rows: { getAttribute(name: string): string | null }[]) => rows.map((r) => r.getAttribute('data-sub')));
      await expect.poll(subs).toHaveLength(4);
      await c.tid('list-tier').selectOption('C');
      await expect.poll(subs).toEqual([tierC]);
      await c.tid('list-tier').selectOption('');
      // The list keeps whichever read answers last: let this one land before the next filter asks again.
      await expect.poll(subs).toHaveLength(4);
      await c.tid('list-status').selectOption('revoked');
      await expect.poll(() => c.page.getByText('没有符合条件的金卡。').count()).toBe(1);
      await c.tid('list-status').selectOption('valid');
      await expect.poll(subs).toHaveLength(4);
      const today = new Date(consoleHub.hub.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const tomorrow = new Date(consoleHub.hub.now() + 32 * 3_600_000).toISOString().slice(0, 10);
      await c.tid('list-issued-from').fill(tomorrow);
      await expect.poll(() => c.page.getByText('没有符合条件的金卡。').count()).toBe(1);
      await c.tid('list-issued-from').fill(today);
      await c.tid('list-issued-to').fill(today);
      await expect.poll(subs).toHaveLength(4);
      await c.screenshots('cards-filtered');

      await table.getByRole('button', { name: '详情 LC-A-000001' }).click();
      const detail = c.tid('card-detail');
      const quotas = detail.getByTestId('card-quotas');
      await quotas.waitFor();
      const cinema = quotas.locator('tr', { hasText: '指定影院免费观影' });
      await expect.poll(() => cinema.locator('td').nth(1).textContent()).toBe('1 / 12');
      await expect.poll(() => cinema.locator('td').nth(2).textContent()).toBe('11');
      // The period's last day, as a clerk reads 本期截止 (the card year from 1 March ends on 28 February).
      expect(await cinema.locator('td').nth(3).textContent()).toBe('2027-02-28');
      expect(await quotas.locator('tr', { hasText: '父亲' }).count()).toBeGreaterThan(0);
      const uses = detail.getByTestId('card-uses');
      await expect.poll(() => uses.locator('tbody tr').count()).toBe(2);
      await expect.poll(() => uses.locator('tbody').textContent()).toContain('指定影院免费观影');
      const usesText = (await uses.locator('tbody').textContent()) ?? '';
      expect(usesText).toContain('景区/森林公园免费入园');
      expect(usesText).toContain('site-east');
      expect(usesText).not.toMatch(/cinema|scenic/);
      expect(await quotas.getAttribute('class')).not.toContain('out-of-force');
      await c.screenshots('card-detail');
    });
  });

  it('revokes a card with a reason behind the typed card number, then offers none of its downloads and greys its quotas; re-issues another', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await c.tid('nav-cards').click();
      const list = c.tid('card-table');
      await list.getByRole('button', { name: '详情 LC-A-000002' }).click();
      const detail = c.tid('card-detail');
      await detail.getByTestId('withdraw').waitFor();
      expect(await detail.getByTestId('download-token').count()).toBe(1);
      await c.tid('withdraw-reason').fill('持卡人已调离聊城');
      await c.tid('withdraw-confirm').fill('LC-A-000001');
      expect(await c.tid('revoke-submit').isEnabled()).toBe(false);
      await c.tid('withdraw-confirm').fill('lc-a-000002');
      await c.screenshots('card-revoke-confirm');
      await c.tid('revoke-submit').click();
      await expect.poll(() => detail.getByTestId('card-summary').locator('.badge').textContent()).toBe('已注销');
      expect((await consoleHub.hub.store.cards.get('LC-A-000002'))?.revokedMs).not.toBeNull();
      await expect.poll(() => list.locator('tr[data-sub="LC-A-000002"] .badge').textContent()).toBe('已注销');
      // Nothing of a revoked card is handed out (the hub refuses it too: test/hub/console/card-routes.test.ts).
      expect(await detail.locator('[data-testid^="download-"]').count()).toBe(0);
      expect(await detail.getByTestId('no-downloads').textContent()).toBe('此卡已注销，不再提供卡片页、二维码和令牌。');
      expect(await detail.getByTestId('quotas-over').textContent()).toContain('不能再用');
      expect(await detail.getByTestId('card-quotas').getAttribute('class')).toContain('out-of-force');
      expect(await detail.getByTestId('withdraw').count()).toBe(0);
      const refused = await c.page.evaluate(async () => {
        const r = await fetch('/console/api/cards/LC-A-000002/token.txt');
        return { status: r.status, error: ((await r.json()) as { error?: string }).error };
      });
      expect(refused).toEqual({ status: 409, error: 'CARD_NOT_IN_FORCE' });
      await c.screenshots('card-revoked');

      await list.getByRole('button', { name: '详情 LC-A-000001' }).click();
      await c.tid('withdraw-reason').fill('卡片遗失');
      await c.tid('withdraw-confirm').fill('LC-A-000001');
      await c.tid('reissue-submit').click();
      await expect.poll(() => c.tid('detail-notice').textContent()).toMatch(/金卡 LC-A-000001 已注销，新卡为 LC-A-\d+。/);
      expect((await consoleHub.hub.store.cards.get('LC-A-000001'))?.revokedMs).not.toBeNull();
      expect(await c.tid('card-detail').getByTestId('no-downloads').textContent()).toContain('已换发');
      await c.screenshots('card-reissued');
    });
  });

  it('shows an auditor the cards but no issue form and no credential to download, and the API refuses the auditor’s issue anyway', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('overview-cards').waitFor();
      await c.tid('nav-cards').click();
      await c.tid('card-table').waitFor();
      expect(await c.page.locator('[data-testid="issue-card"], [data-testid="cards-tab-issue"]').count()).toBe(0);
      await c.tid('card-table').getByRole('button', { name: `详情 ${tierC}` }).click();
      await c.tid('card-detail').getByTestId('card-summary').waitFor();
      expect(await c.page.locator('[data-testid^="download-"]').count()).toBe(0);
      const before = await consoleHub.hub.store.cards.count();
      const refused = await c.postFromPage('/cards/issue', { name: '内鬼', idNumber: residentId('37150219800101124').good, category: 1, validFrom: '2026-01-01', validUntil: '2026-12-31' });
      expect(refused).toEqual({ status: 403, error: 'FORBIDDEN' });
      expect(await consoleHub.hub.store.cards.count()).toBe(before);
      await c.screenshots('cards-auditor');
    });
  });
});
