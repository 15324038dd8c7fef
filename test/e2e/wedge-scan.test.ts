import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';
import { readProbe, type ProbeRecord } from './support/page-probe.js';

/** The burst as the page saw it: how long the scanner typed, and from its last key to the verdict painted. */
function wedgeTiming(probe: ProbeRecord): { characters: number; typingMs: number; lastKeyToVerdictMs: number } {
  const verdict = probe.verdicts[0];
  const chars = probe.keys.filter((k) => k.key.length === 1);
  const first = chars[0];
  const last = probe.keys.filter((k) => verdict !== undefined && k.at <= verdict.inDom).at(-1);
  if (verdict === undefined || first === undefined || last === undefined) throw new Error('no keys or no verdict recorded');
  return { characters: chars.length, typingMs: last.at - first.at, lastKeyToVerdictMs: (verdict.painted ?? verdict.inDom) - last.at };
}

describe('the counter taking a scan from a keyboard-wedge scanner', () => {
  const file = useE2eTerminal();

  it('accepts a code typed fast and ended with Enter, without any field focused', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.screenshot('01-signin');
    await counter.signIn('op1');
    await counter.waitForScanFocus();
    await expect(counter.tid('scan-status').getAttribute('data-state')).resolves.toBe('idle');
    // No camera on this machine: the panel says so and points to the scanner and the paste box.
    await counter.page.locator('[data-testid="camera-status"]', { hasText: '未找到摄像头' }).waitFor();
    await counter.screenshot('02-scan');
    const burst = await counter.wedge(e2e.cards['gold-a'], { enter: true, delayMs: 5 });

    expect(await counter.verdict(), counter.scanReport(burst)).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('holder-name').textContent()).resolves.toBe('张*明');
    await expect(counter.tid('quota').textContent()).resolves.toContain('已用 0/12');
    // The scan went to no field: the paste box is empty and the Enter did not confirm the verdict.
    await expect(counter.tid('paste-input').inputValue()).resolves.toBe('');
    await expect(counter.tid('id-check').isChecked()).resolves.toBe(false);
    await counter.screenshot('03-verdict-accept');
    const timing = wedgeTiming(await readProbe(counter.page));
    expect(timing.characters).toBe(e2e.cards['gold-a'].length);
    console.log(
      `wedge (Enter) → verdict: ${timing.lastKeyToVerdictMs.toFixed(0)} ms from the Enter to the verdict painted ` +
        `(${timing.characters} characters typed in ${timing.typingMs.toFixed(0)} ms at 5 ms a key; longest gap ${burst.longestGapMs.toFixed(0)} ms)`,
    );
    await counter.backToScan();
    const history = await e2e.value('history.list', {});
    expect(history.map((h) => [h.decision, h.recorded])).toEqual([['accept', false]]);
  });

  it('accepts a code typed fast with no Enter: the pause after the burst ends the scan', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.waitForScanFocus();
    const burst = await counter.wedge(e2e.cards['gold-b'], { enter: false, delayMs: 5 });

    expect(await counter.verdict(), counter.scanReport(burst)).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('holder-name').textContent()).resolves.toBe('李*华');
    await expect(counter.tid('tier').textContent()).resolves.toBe('B');
    const timing = wedgeTiming(await readProbe(counter.page));
    expect(timing.characters).toBe(e2e.cards['gold-b'].length);
    console.log(
      `wedge (no Enter) → verdict: ${timing.lastKeyToVerdictMs.toFixed(0)} ms from the last character to the verdict painted ` +
        `(includes the 100 ms pause that ends a burst; ${timing.characters} characters in ${timing.typingMs.toFixed(0)} ms; longest gap ${burst.longestGapMs.toFixed(0)} ms)`,
    );
  });

  it('does not take a person typing slowly for a scan', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.waitForScanFocus();
    const before = (await e2e.value('history.list', {})).length;

    // About 8 keys a second, as a fast typist: far slower than any scanner.
    await counter.page.keyboard.type('abcdefghij', { delay: 120 });
    await counter.page.keyboard.press('Enter');
    await counter.page.waitForTimeout(500);

    await expect(counter.tid('verdict').count()).resolves.toBe(0);
    await expect(counter.tid('scan-status').getAttribute('data-state')).resolves.toBe('idle');
    await expect(e2e.value('history.list', {})).resolves.toHaveLength(before);
  });

  it('takes the next card scanned over a verdict still on screen: it replaces the verdict, nothing is recorded', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.paste(e2e.cards['gold-a']);
    expect((await counter.verdict()).verdict).toBe('accept');
    await expect(counter.tid('holder-name').textContent()).resolves.toBe('张*明');

    // The timed bursts above type at a scanner's 5 ms a key; here as fast as the browser takes keys (~1.7 s less per burst).
    const burst = await counter.wedge(e2e.cards.revoked, { enter: true, delayMs: 0 });
    await counter.page.locator('[data-testid="holder-name"]', { hasText: '杨*伟' }).waitFor();
    expect(await counter.verdict(), counter.scanReport(burst)).toEqual({ verdict: 'reject', reason: 'REVOKED', warnings: [] });
    const [revoked, goldA] = await e2e.value('history.list', { limit: 2 });
    expect([revoked?.holder, revoked?.recorded, goldA?.holder, goldA?.recorded]).toEqual(['杨*伟', false, '张*明', false]);
  });

  it('takes a scanner burst into the focused paste box as a scan too', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.tid('paste-input').focus();

    const burst = await counter.wedge(e2e.cards['huicai'], { enter: true, delayMs: 0 });

    expect(await counter.verdict(), counter.scanReport(burst)).toEqual({ verdict: 'accept', reason: null, warnings: [] });
    await expect(counter.tid('card-type').textContent()).resolves.toContain('惠才卡');
    await counter.backToScan();
    await expect(counter.tid('paste-input').inputValue()).resolves.toBe('');
  });
});
