import { describe, expect, it } from 'vitest';
import { enrol, holder, issue } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';

/**
 * Every text on the page with a CJK character that is not data: outside table data cells
 * (`td`, a row's own `th`), the signed-in name, the switch back to 中文 (which names its language
 * in that language), and elements marked `data-data` or `lang="zh"` (a holder's name, a site).
 * Visible text only, `title` and `aria-label` and `placeholder` included; each with where it is.
 */
const CJK_OUTSIDE_DATA = `(() => {
  const DATA = ['张*明'];
  const cjk = /[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]/;
  const isData = (el) => el.closest('td, th[scope=row], [data-testid=signed-in-as], [data-data], [lang|=zh], script, style, noscript') !== null;
  const where = (el) => (el.closest('[data-testid]')?.getAttribute('data-testid') ?? '') + ' ' + el.tagName.toLowerCase();
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el === null || isData(el) || !cjk.test(n.textContent) || el.getClientRects().length === 0) continue;
    if (el.tagName === 'BUTTON' && n.textContent.trim() === '中文') continue;
    // The console's logo (the 金 of 金卡, hidden from screen readers) and the holder's masked name the card carries.
    if (el.classList.contains('brand-mark') || DATA.includes(n.textContent.trim())) continue;
    found.push(where(el) + ': ' + n.textContent.trim());
  }
  for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder], option, img[alt]')) {
    if (isData(el)) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v !== null && cjk.test(v)) found.push(where(el) + ' @' + a + ': ' + v);
    }
  }
  return found;
})()`;

async function cjkOutsideData(c: ConsolePage): Promise<string[]> {
  return c.page.evaluate<string[]>(CJK_OUTSIDE_DATA);
}

/**
 * Issue 11: Simplified Chinese first, English available. An admin switches to English and walks
 * every page (a card's detail, the enrolment sheet, the staff log included): no Chinese is left
 * outside the data the bureau typed (names, sites), which stays as typed.
 */
describe('the bureau console in English', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'admin', role: 'admin', name: 'Wang Admin' },
      { id: 'officer', role: 'officer', name: 'Li Officer' },
    ],
    publicUrl: true,
    seed: async (hub) => {
      await issue(hub, [holder(1)]);
      await enrol(hub, 'T-en-1', 'Dongchang Cinema', 'cinema');
      await hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T-en-1', detail: 'clock +2 h' }], hub.now());
    },
  });

  it('shows every page in English but the data', async () => {
    const [card] = await consoleHub.hub.store.cards.list({ limit: 1 });
    if (card === undefined) throw new Error('no card seeded');
    await consoleHub.signedIn('admin', async (c) => {
      await c.tid('signed-in-as').waitFor();
      await c.page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => c.tid('nav-overview').textContent()).toBe('Overview');
      const found: string[] = [];
      for (const page of ['overview', 'cards', 'usage', 'flags', 'terminals', 'rules', 'keys', 'staff', 'staff-log'] as const) {
        // Read the page once its data is there: what it read is what may still be in Chinese.
        await c.goTo(page);
        if (page === 'cards') {
          await c.tid('card-table').getByRole('button').first().click();
          await c.tid('card-detail').getByTestId('card-quotas').waitFor();
        }
        if (page === 'terminals') {
          const form = c.tid('enrol-form');
          await form.getByLabel('Site').fill('Dongchang Cinema');
          await form.getByRole('button', { name: 'Make the code' }).click();
          await c.tid('enrol-sheet').waitFor();
          await c.tid('terminal-table').locator('tr[data-terminal="T-en-1"]').getByRole('button', { name: 'Disable' }).click();
          await c.tid('terminal-disable').waitFor();
        }
        if (page === 'staff') {
          await c.tid('staff-table').locator('tr[data-staff="officer"]').getByRole('button', { name: 'Disable' }).click();
          await c.tid('staff-confirm').waitFor();
        }
        found.push(...(await cjkOutsideData(c)).map((f) => `${page}: ${f}`));
        await c.screenshot(`english-${page}`);
      }
      expect(found).toEqual([]);
    });
  });
});
