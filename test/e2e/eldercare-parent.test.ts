import { describe, expect, it } from 'vitest';
import type { CounterPage } from './support/counter-page.js';
import { useE2eTerminal } from './support/e2e-hooks.js';

/** The data-testid of the focused element (or its tag name). */
const focusedId = (page: CounterPage['page']): Promise<string> =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(name: string): string | null } | null } }).document
      .activeElement;
    return active === null ? 'none' : (active.getAttribute('data-testid') ?? active.tagName);
  });

describe('the eldercare parent is chosen, never typed (Art. 22; no ID number kept)', () => {
  const file = useE2eTerminal();

  it('asks father or mother with two buttons and keys 1/2, and counts the month per parent', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    const keys = counter.page.keyboard;
    await counter.signIn('op1');
    await counter.saveSettings({ service: 'eldercare' });
    await counter.waitForScanFocus();

    await counter.wedge(e2e.cards['gold-a'], { enter: true });
    expect((await counter.verdict()).verdict).toBe('pending');
    // Two choices and no text field to type an ID number into; the first choice has the focus.
    await expect(counter.page.locator('.beneficiary input').count()).resolves.toBe(0);
    await expect(counter.page.locator('[role="radiogroup"] [role="radio"]').allTextContents()).resolves.toEqual(['1父亲', '2母亲']);
    // The prompt takes the focus and starts listening for 1/2 in its effects, a moment after it shows.
    await expect.poll(() => focusedId(counter.page)).toBe('beneficiary-father');
    await counter.screenshot('eldercare-parent');
    await keys.press('2');
    await counter.page.locator('[data-testid="beneficiary-mother"][aria-checked="true"]').waitFor();
    expect((await counter.verdict()).verdict).toBe('accept');
    await counter.tid('id-check').check();
    await keys.press('Enter');
    await counter.page.getByText('已登记：张*明').waitFor();
    await counter.waitForScanFocus();

    // The same card again: the mother's claim this month is used, the father's is not.
    await counter.wedge(e2e.cards['gold-a'], { enter: true });
    expect((await counter.verdict()).verdict).toBe('pending');
    // A 2 pressed before the prompt listens for it would be lost: wait for its first focus, as above.
    await expect.poll(() => focusedId(counter.page)).toBe('beneficiary-father');
    await keys.press('2');
    await counter.page.locator('[data-testid="beneficiary-mother"][aria-checked="true"]').waitFor();
    expect(await counter.verdict()).toMatchObject({ verdict: 'reject', reason: 'QUOTA_EXHAUSTED' });
    // The refusal screen then moves the focus to its way back, in its own effect: wait for that, or
    // the effect could take the focus away from the mother after the test puts it there.
    await expect.poll(() => focusedId(counter.page)).toBe('cancel');
    // Arrow keys move between the two; Enter on the father checks the card for him.
    await counter.tid('beneficiary-mother').focus();
    await keys.press('ArrowLeft');
    expect(await focusedId(counter.page)).toBe('beneficiary-father');
    await keys.press('Enter');
    await counter.page.locator('[data-testid="beneficiary-father"][aria-checked="true"]').waitFor();
    expect((await counter.verdict()).verdict).toBe('accept');
    await counter.backToScan();
  });

  it('refuses an ID number sent over the bridge directly, without echoing it', async () => {
    const counter = await file.openCounter();
    await counter.signIn('op1');
    const answer = await file.terminal.api.call('card.verify', { token: file.terminal.cards['gold-a'], beneficiary: '11010519491231002X' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(answer)).not.toContain('110105');
  });
});
