import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';

describe('the counter recording uses', () => {
  const file = useE2eTerminal();

  it('counts the cinema quota down across scans: 已用 0/12 → 1/12 → 2/12', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    for (const used of [0, 1]) {
      await counter.paste(e2e.cards['gold-a']);
      expect((await counter.verdict()).verdict).toBe('accept');
      const quota = await counter.tid('quota').textContent();
      expect(quota).toContain(`本卡年已用 ${used}/12 次，剩余 ${12 - used} 次，至 `);
      await counter.tid('id-check').check();
      await counter.page.keyboard.press('Enter');
      await counter.page.getByText('已登记：张*明').waitFor();
      await expect(counter.tid('verdict').count()).resolves.toBe(0);
    }
    // The third scan within the duplicate window: still an accept, with the DUPLICATE warning shown apart.
    await counter.paste(e2e.cards['gold-a']);
    expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: ['DUPLICATE'] });
    await expect(counter.tid('quota').textContent()).resolves.toContain('本卡年已用 2/12 次，剩余 10 次');
    await expect(counter.tid('warning-DUPLICATE').textContent()).resolves.toContain('短时间内重复使用');
    await counter.screenshot('05-verdict-warning');
    await counter.backToScan();
    await expect(counter.tid('scan-status').textContent()).resolves.toBe('已取消，未登记');

    const cinema = await e2e.value('history.list', { service: 'cinema' });
    expect(cinema.map((h) => h.recorded)).toEqual([false, true, true]);
  });

  it('will not record until 已核对身份证件 is ticked (Art. 33)', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.paste(e2e.cards['gold-b']);
    expect((await counter.verdict()).verdict).toBe('accept');
    await expect(counter.tid('confirm').getAttribute('aria-disabled')).resolves.toBe('true');

    // aria-disabled keeps the button focusable: a clerk can still press it, and is told what is missing.
    await counter.tid('confirm').click({ force: true });
    await expect(counter.tid('record-error').textContent()).resolves.toContain('请先核对持卡人身份证件并勾选');
    await expect(counter.tid('verdict').textContent()).resolves.toBe('通过'); // still on the verdict
    const [unconfirmed] = await e2e.value('history.list', { limit: 1 });
    expect(unconfirmed).toMatchObject({ holder: '李*华', recorded: false });
    // The service refuses the same, whatever a client sends.
    const refused = await e2e.api.call('card.record', { decisionId: unconfirmed?.id ?? '', idChecked: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ID_CHECK_REQUIRED' } });

    await counter.tid('id-check').check();
    await expect(counter.tid('confirm').getAttribute('aria-disabled')).resolves.toBe('false');
    await counter.tid('confirm').click();
    await counter.page.getByText('已登记：李*华').waitFor();
    const [recorded] = await e2e.value('history.list', { limit: 1 });
    expect(recorded).toMatchObject({ id: unconfirmed?.id, recorded: true });
  });

  it('accepts a holder with companions at the bus station, never past the limits, and records the use', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('admin');
    await counter.saveSettings({ service: 'bus' });
    await expect(counter.tid('header-service').textContent()).resolves.toContain('汽车站绿色通道');

    await counter.paste(e2e.cards['gold-b']);
    expect((await counter.verdict()).verdict).toBe('accept');
    // Art. 18: spouse 1, children 3, parents 2, spouse's parents 2, one escort. A button at its limit
    // is aria-disabled but still pressable (force: a real click, without waiting for it to be enabled).
    for (let i = 0; i < 5; i += 1) await counter.tid('companion-child-inc').click({ force: true });
    await expect(counter.tid('companion-child-value').textContent()).resolves.toBe('3');
    await expect(counter.tid('companion-child-inc').getAttribute('aria-disabled')).resolves.toBe('true');
    for (let i = 0; i < 3; i += 1) await counter.tid('companion-spouse-inc').click({ force: true });
    await expect(counter.tid('companion-spouse-value').textContent()).resolves.toBe('1');
    await counter.tid('companion-parent-dec').click({ force: true });
    await expect(counter.tid('companion-parent-value').textContent()).resolves.toBe('0');
    await counter.tid('companion-escort-inc').click();
    await counter.tid('companion-escort-inc').click({ force: true });
    await counter.tid('companion-escort-dec').click();
    await expect(counter.tid('companion-escort-value').textContent()).resolves.toBe('0');

    // The ticket is needed for the bus (Art. 18) before the use can be recorded.
    await counter.tid('id-check').check();
    await counter.tid('confirm').click({ force: true });
    await expect(counter.tid('record-error').textContent()).resolves.toContain('车票号');
    await counter.tid('ticket').fill('K1234-05');
    await counter.screenshot('verdict-bus-companions');
    await counter.tid('confirm').click();
    await counter.page.getByText('已登记：李*华，同行 4 人').waitFor();

    const [use] = await e2e.value('history.list', { service: 'bus', limit: 1 });
    expect(use).toMatchObject({ decision: 'accept', recorded: true, holder: '李*华', companions: { spouse: 1, child: 3 } });

    // History and today's summary (F2) show the recorded use and its companions.
    await counter.page.keyboard.press('F2');
    await counter.tid('summary').waitFor();
    const busRows = counter.page.locator('[data-testid="history-row"][data-service="bus"][data-decision="accept"]');
    await busRows.first().waitFor();
    await expect(busRows.count()).resolves.toBe(1);
    await expect(busRows.first().textContent()).resolves.toContain('✔ 是');
    await expect(counter.tid('summary-companions').textContent()).resolves.toBe('4');
    await expect(counter.tid('summary-accepted').textContent()).resolves.toBe('5');
    await expect(counter.tid('summary-rejected').textContent()).resolves.toBe('0');
    await counter.tid('history-filter-decision').selectOption('reject');
    await counter.page.locator('.history-empty').waitFor();
    await counter.tid('history-filter-decision').selectOption('all');
    await counter.tid('history-row').nth(4).waitFor();
    await expect(counter.tid('history-row').count()).resolves.toBe(5);
    await counter.screenshot('06-history-summary');

    const download = counter.page.waitForEvent('download');
    await counter.tid('history-export').click();
    const csv = await download;
    expect(csv.suggestedFilename()).toMatch(/^jinka-DEMO-T01-\d{4}-\d{2}-\d{2}\.csv$/);
    await expect(counter.tid('history-message').textContent()).resolves.toContain('.csv');
  });

  it('names whose revocation list is old, on the verdict and in the status bar (§6 LISTS_STALE)', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('admin');
    // Any list older than 0 hours is stale: every issuer's list is now old.
    await e2e.value('settings.set', { listStaleHours: 0 });
    await counter.page.keyboard.press('F9');
    await counter.tid('signin-id').waitFor();
    await counter.signIn('op1');
    await counter.paste(e2e.cards['gold-c']);
    expect((await counter.verdict()).warnings).toContain('LISTS_STALE');
    await expect(counter.tid('warning-stale-issuer').textContent()).resolves.toContain('聊城金卡');
    await expect(counter.tid('lists-stale').textContent()).resolves.toMatch(/聊城金卡.*山东惠才卡的吊销名单已过期|山东惠才卡.*聊城金卡的吊销名单已过期/);
    await counter.backToScan();
  });
});
