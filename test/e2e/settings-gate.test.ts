import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';

describe('a supervisor setting the terminal up', () => {
  const file = useE2eTerminal();

  it('saves the service, site name and language, and the scan screen follows them (also after a reload)', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('admin');
    await counter.page.keyboard.press('F3');
    await counter.tid('settings-save').waitFor();
    await counter.screenshot('07-settings');
    await counter.page.keyboard.press('Escape');
    await counter.saveSettings({ service: 'gym', siteName: '东昌府体育馆', language: 'en' });

    await expect(counter.tid('header-service').textContent()).resolves.toContain('Free entry to public sports venues');
    await expect(counter.tid('header-site').textContent()).resolves.toBe('东昌府体育馆');
    await expect(counter.page.locator('.scan-service').textContent()).resolves.toBe('Free entry to public sports venues');
    await expect(counter.tid('scan-status').textContent()).resolves.toBe('Handheld scanner ready');
    await counter.page.locator('[data-testid="status-site"]', { hasText: '东昌府体育馆' }).waitFor();

    // Gold card C is admitted to sports venues (Art. 20), and the verdict speaks English.
    await counter.paste(e2e.cards['gold-c']);
    expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('verdict').textContent()).resolves.toBe('ACCEPTED');
    await counter.backToScan();

    await expect(e2e.value('settings.get', {})).resolves.toMatchObject({ service: 'gym', siteName: '东昌府体育馆', language: 'en' });
    await counter.page.reload();
    await counter.tid('scan-status').waitFor();
    await expect(counter.tid('header-service').textContent()).resolves.toContain('Free entry to public sports venues');
    await expect(counter.tid('scan-status').textContent()).resolves.toBe('Handheld scanner ready');

    // And back: the language follows the settings both ways.
    await counter.saveSettings({ language: 'zh' });
    await expect(counter.tid('scan-status').textContent()).resolves.toBe('扫码枪已就绪');
  });

  it('in gate mode records an accept by itself and goes back to scanning; a refusal records nothing', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('admin');
    await counter.saveSettings({ service: 'scenic', siteName: '凤凰台景区东门', gateMode: true, language: 'zh' });

    await counter.paste(e2e.cards['gold-a']);
    expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('gate-recorded').textContent()).resolves.toBe('已自动登记，请通行');
    await expect(counter.tid('confirm').count()).resolves.toBe(0);
    await counter.screenshot('08-gate-accept');
    // Nothing to press: back to scanning in about two seconds.
    const shownAt = Date.now();
    await counter.tid('scan-status').waitFor({ timeout: 5_000 });
    const backAfterMs = Date.now() - shownAt;
    expect(backAfterMs).toBeLessThan(4_000);

    await counter.paste(e2e.cards.expired);
    expect(await counter.verdict()).toMatchObject({ verdict: 'reject', reason: 'EXPIRED' });
    await expect(counter.tid('reason').textContent()).resolves.toContain('请到人工窗口办理');
    await counter.screenshot('gate-reject');
    await counter.tid('scan-status').waitFor({ timeout: 5_000 });

    const scenic = await e2e.value('history.list', { service: 'scenic' });
    expect(scenic.map((h) => [h.decision, h.recorded, h.companions])).toEqual([
      ['reject', false, {}],
      ['accept', true, {}],
    ]);
  });
});
