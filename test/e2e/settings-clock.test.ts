import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';

describe('the clock check on the settings screen', () => {
  const file = useE2eTerminal();

  it('lets a supervisor reset the clock guard with a reason, and refuses without one', async () => {
    const counter = await file.openCounter();
    await counter.signIn('admin');
    await counter.page.keyboard.press('F3');
    await counter.tid('settings-clockReset').waitFor();
    await counter.page.locator('[data-testid="settings-clockState"][data-suspect="false"]').waitFor();
    await expect(counter.tid('settings-clockState').textContent()).resolves.toBe('时钟正常');

    await counter.tid('settings-clockReset').click();
    await expect(counter.tid('settings-clock-message').textContent()).resolves.toBe('请填写重置原因（1–200 字）');

    await counter.tid('settings-clockReason').fill('系统时钟曾快一年，已校正');
    await counter.tid('settings-clockReason').press('Enter');
    await counter.page.locator('[data-testid="settings-clock-message"]', { hasText: '已重置' }).waitFor();
    await expect(counter.tid('settings-clockReason').inputValue()).resolves.toBe('');
    // Enter in the reason reset the guard; it did not submit (and close) the settings form.
    await expect(counter.tid('settings-save').isVisible()).resolves.toBe(true);
  });
});
