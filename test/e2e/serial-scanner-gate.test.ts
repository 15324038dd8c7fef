import { describe, expect, it } from 'vitest';
import { httpPartner } from '../hardware/support/gate-partners.js';
import { openFarEnd, ptyPair } from '../hardware/support/pty-pair.js';
import { tempDir } from '../support/fixtures.js';
import { useE2eTerminal } from './support/e2e-hooks.js';

describe('the counter with a serial-mode scanner and a gate output', () => {
  const file = useE2eTerminal();

  it('shows the verdict for a code read from the serial scanner, and the scanner in the status bar', async () => {
    const e2e = file.terminal;
    const tmp = tempDir('jinka-e2e-serial-');
    const pair = await ptyPair(tmp.dir, 'scan');
    const device = await openFarEnd(pair.far);
    try {
      await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
      await e2e.value('settings.set', { scanner: { kind: 'serial', path: pair.near, baudRate: 9600, framing: 'line', pauseMs: 80 } });
      // The terminal opens the port after the settings answer, and the page reads the status when it
      // signs in and then only every 30 s: wait for the port before the page, or it may show 'missing'.
      await expect.poll(async () => (await e2e.value('status.get', {})).hardware.scanner.state).toBe('ready');
      const counter = await file.openCounter();
      await counter.signIn('op1');
      await counter.waitForScanFocus();
      await counter.tid('status-scanner').waitFor();
      await expect(counter.tid('status-scanner').getAttribute('data-state')).resolves.toBe('ready');
      await device.write(`${e2e.cards['gold-a']}\r\n`);
      expect(await counter.verdict()).toEqual({ verdict: 'accept', reason: null, warnings: [] });
      await expect(counter.tid('holder-name').textContent()).resolves.toBe('张*明');
      await counter.screenshot('serial-scanner-verdict');
      await counter.backToScan();
    } finally {
      await device.close();
      await pair.unplug();
      tmp.cleanup();
    }
  });

  it('says plainly when the gate does not open, and the use is voided', async () => {
    const e2e = file.terminal;
    const controller = await httpPartner(500);
    try {
      await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
      await e2e.value('settings.set', { scanner: { kind: 'none' }, service: 'gym', gateMode: true, gate: { kind: 'http', method: 'POST', url: controller.url, expectedStatus: 200, timeoutMs: 1000 } });
      const counter = await file.openCounter();
      await counter.signIn('op1');
      await counter.waitForScanFocus();
      await counter.paste(e2e.cards['gold-b']);
      await counter.page.locator('[role="alert"], [role="status"]', { hasText: '闸机未能打开' }).first().waitFor({ timeout: 10_000 });
      await counter.screenshot('gate-failed');
      const history = await e2e.value('history.list', {});
      expect(controller.requests, JSON.stringify(history.map((h) => [h.decision, h.recorded, h.at]))).toHaveLength(1);
      // The page asks for the status again when the verdict comes, and shows the notice before the answer.
      await expect.poll(() => counter.tid('status-gate').getAttribute('data-state')).not.toBe('ready');
    } finally {
      await controller.close();
      await e2e.value('session.signIn', { operatorId: 'admin', pin: '999999' });
      await e2e.value('settings.set', { gateMode: false, gate: { kind: 'none' } });
    }
  });
});
