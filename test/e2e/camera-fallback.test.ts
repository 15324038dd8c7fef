import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';

/**
 * The camera chosen for the terminal is kept in the terminal database by id and by name.
 * Chromium's fake device is the only camera, so a stored id that does not exist stands for
 * a camera unplugged (or renumbered after a reboot).
 */
describe('the terminal camera when the chosen one is gone', () => {
  const file = useE2eTerminal({ cameraCard: 'gold-a' });

  it('falls back to the camera there is, says so on the scan screen, and still reads the card', async () => {
    const e2e = file.terminal;
    await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
    await e2e.value('settings.set', { cameraDeviceId: 'unplugged-camera-id', cameraLabel: '柜台 USB 摄像头' });
    await expect(e2e.value('settings.get', {})).resolves.toMatchObject({ cameraDeviceId: 'unplugged-camera-id', cameraLabel: '柜台 USB 摄像头' });

    const counter = await file.openCounter();
    await counter.signIn('op1');
    const notice = counter.tid('camera-fallback');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/^已选的摄像头未找到，已改用：\S/);
    // The camera in use works: the status bar says ready, not missing (it hears of the live camera
    // from an effect of the camera panel, a moment after the notice shows).
    await expect.poll(() => counter.page.locator('[data-testid="status-camera"][data-state="ready"]').count()).toBe(1);
    // The chooser still names the chosen camera, marked as not connected.
    await expect(counter.tid('camera-select').locator('option:checked').textContent()).resolves.toBe('柜台 USB 摄像头（未连接）');
    await counter.screenshot('camera-fallback');

    expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('holder-name').textContent()).resolves.toBe('张*明');
    await counter.backToScan();
  });

  it('finds the chosen camera by its name when its id changed, with no notice', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.page.locator('[data-testid="status-camera"][data-state="ready"]').waitFor();
    // The fake camera's name as the page sees it (an expression: the tests are compiled without the DOM types).
    const label = await counter.page.evaluate<string>(
      "navigator.mediaDevices.enumerateDevices().then((all) => all.find((d) => d.kind === 'videoinput')?.label ?? '')",
    );
    expect(label).not.toBe('');

    await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
    await e2e.value('settings.set', { cameraDeviceId: 'id-before-the-reboot', cameraLabel: label });
    await e2e.value('session.signOut', {});
    await counter.page.reload();
    await counter.signIn('op1');
    await counter.page.locator('[data-testid="status-camera"][data-state="ready"]').waitFor();
    await expect(counter.tid('camera-fallback').count()).resolves.toBe(0);
    expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
  });
});
