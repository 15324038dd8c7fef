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

  it('signs the supervisor out when the settings close, and back to sign-in when the terminal ends a session', async () => {
    const e2e = file.terminal;
    const counter = await file.openCounter();
    await counter.signIn('admin');
    await counter.page.keyboard.press('F3');
    await counter.tid('settings-supervisorIdleMinutes').waitFor();
    await expect(counter.tid('settings-supervisorIdleMinutes').inputValue()).resolves.toBe('5');
    await expect(counter.tid('settings-operatorIdleMinutes').inputValue()).resolves.toBe('30');
    await counter.page.keyboard.press('Escape');
    await counter.tid('signin-id').waitFor();
    await expect(e2e.value('session.current', {})).resolves.toBeNull();

    // A session the terminal ended (idle, or signed out elsewhere) sends the page back to sign-in
    // (op1 is locked out by the test before; the lockout is per operator).
    await counter.signIn('admin');
    await e2e.value('session.signOut', {});
    await counter.page.keyboard.press('F2'); // any call, or the status poll, finds it
    await counter.tid('signin-id').waitFor({ timeout: 35_000 });
  });
});
