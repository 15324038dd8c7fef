import { describe, expect, it } from 'vitest';
import { useE2eTerminal } from './support/e2e-hooks.js';

describe('signing in at the counter', () => {
  const file = useE2eTerminal();

  it('lets an operator work, shows who is signed in, but keeps settings to supervisors', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('op1');
    await counter.page.locator('[data-testid="status-operator"]', { hasText: '演示收银员（op1）' }).waitFor();
    await expect(counter.tid('status-terminal').textContent()).resolves.toBe('DEMO-T01');
    await expect(counter.tid('status-site').textContent()).resolves.toBe('演示影院');
    await expect(counter.tid('nav-settings').count()).resolves.toBe(0);

    await counter.page.keyboard.press('F3');
    await expect(counter.tid('settings-forbidden').textContent()).resolves.toContain('只有主管可以修改设置');
    await expect(counter.tid('settings-save').count()).resolves.toBe(0);
    // Nor can the operator's session change settings behind the UI's back.
    const refused = await e2e.api.call('settings.set', { service: 'gym' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(e2e.value('settings.get', {})).resolves.toMatchObject({ service: 'cinema' });
  });

  it('refuses a wrong PIN, then locks the operator out after five failures, even for the right PIN', async () => {
    const counter = await file.openCounter();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await counter.trySignIn('op1', '0000')).toBe('BAD_PIN');
      await expect(counter.tid('signin-pin').inputValue()).resolves.toBe(''); // cleared for the next try
    }
    await expect(counter.tid('signin-error').textContent()).resolves.toContain('再错 1 次将锁定 5 分钟');
    expect(await counter.trySignIn('op1', '0000')).toBe('LOCKED_OUT');
    await expect(counter.tid('signin-error').textContent()).resolves.toMatch(/已暂时锁定。请于 \d{2}:\d{2}(:\d{2})? 之后再试/);
    await counter.screenshot('signin-locked-out');

    expect(await counter.trySignIn('op1', '1234')).toBe('LOCKED_OUT');
    await expect(counter.tid('scan-status').count()).resolves.toBe(0);
    // The lockout is per operator: the supervisor still signs in.
    await counter.signIn('admin');
    await counter.page.locator('[data-testid="status-operator"]', { hasText: '演示主管（admin · ' }).waitFor();
  });
});
