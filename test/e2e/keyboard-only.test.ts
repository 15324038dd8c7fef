import { describe, expect, it } from 'vitest';
import type { CounterPage } from './support/counter-page.js';
import { useE2eTerminal } from './support/e2e-hooks.js';

/** The data-testid of the focused element (or its tag name). */
const focused = (counter: CounterPage): Promise<string> =>
  counter.page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(name: string): string | null } | null } }).document
      .activeElement;
    return active === null ? 'none' : (active.getAttribute('data-testid') ?? active.tagName);
  });

describe('the counter worked from the keyboard alone', () => {
  const file = useE2eTerminal();

  it('signs in, scans with the wedge scanner, ticks the ID check with Space, confirms with Enter, opens history with F2 and signs out with F9', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    const keys = counter.page.keyboard;
    // No mouse from here on: every step is a key.
    await expect.poll(() => focused(counter)).toBe('signin-id');
    await keys.type('op1');
    await keys.press('Tab');
    expect(await focused(counter)).toBe('signin-pin');
    await keys.type('1234');
    await keys.press('Enter');
    await counter.tid('scan-status').waitFor();
    await counter.waitForScanFocus();

    const first = await counter.wedge(e2e.cards['gold-a'], { enter: true });
    expect((await counter.verdict()).verdict, counter.scanReport(first)).toBe('accept');
    // The first thing to do is focused: the ID check. Enter before ticking it records nothing and says why.
    // The verdict takes the focus and starts listening for Enter and Esc in its effects, a moment after it shows.
    await expect.poll(() => focused(counter)).toBe('id-check');
    await keys.press('Enter');
    await expect(counter.tid('record-error').textContent()).resolves.toContain('请先核对持卡人身份证件并勾选');
    await keys.press('Space');
    await expect(counter.tid('id-check').isChecked()).resolves.toBe(true);
    await keys.press('Enter');
    await counter.page.getByText('已登记：张*明').waitFor();
    await counter.waitForScanFocus();

    // A second card, ended by the scanner's pause; Esc leaves it unrecorded.
    const second = await counter.wedge(e2e.cards['gold-b'], { enter: false });
    expect((await counter.verdict()).verdict, counter.scanReport(second)).toBe('accept');
    // An Esc pressed before the verdict listens for it would be lost: wait for its first focus, as above.
    await expect.poll(() => focused(counter)).toBe('id-check');
    await keys.press('Escape');
    await counter.page.getByText('已取消，未登记').waitFor();

    await keys.press('F2');
    await counter.tid('summary').waitFor();
    await counter.page.locator('[data-testid="history-row"]').nth(1).waitFor();
    const rows = await counter.tid('history-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('李*华');
    expect(rows[0]).toContain('否');
    expect(rows[1]).toContain('张*明');
    expect(rows[1]).toContain('✔ 是');
    await expect(counter.tid('summary-accepted').textContent()).resolves.toBe('2');
    await keys.press('Escape');
    await counter.tid('scan-status').waitFor();

    const uses = await e2e.value('history.list', {});
    expect(uses.map((u) => [u.holder, u.recorded])).toEqual([
      ['李*华', false],
      ['张*明', true],
    ]);

    await keys.press('F9');
    await counter.tid('signin-id').waitFor();
    await expect(e2e.value('session.current', {})).resolves.toBeNull();
    // Focus moves once the sign-in screen has mounted (an effect), a moment after it shows.
    await expect.poll(() => focused(counter)).toBe('signin-id'); // ready for the next operator's keys
  });
});
