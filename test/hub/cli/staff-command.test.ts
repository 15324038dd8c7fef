import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffCommand } from '../../../hub/cli/commands/staff-command.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';
import { Hub } from '../../../hub/hub.js';
import { PASSPHRASE, testHub } from '../hub-fixtures.js';

describe('jinka-hub staff', () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let out: string[];
  beforeEach(async () => {
    const made = await testHub();
    dataDir = made.dataDir;
    await made.hub.close();
    cleanup = async () => made.cleanup().catch(() => undefined);
    out = [];
  });
  afterEach(async () => {
    await cleanup();
  });

  const ctx = (lang: 'zh' | 'en' = 'en'): HubCliContext => ({
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env: { JINKA_HUB_PASSPHRASE: PASSPHRASE },
    lang,
    stopSignal: () => new Promise(() => undefined),
  });
  const run = (argv: string[], stdin: string, lang: 'zh' | 'en' = 'en') => staffCommand(ctx(lang), [...argv, '--data-dir', dataDir], () => Promise.resolve(stdin));

  it('adds the first admin with the password from standard input, logged as made from the command line', async () => {
    expect(await run(['add', '--id', 'wang', '--name', '王芳', '--role', 'admin'], 'first-admin-password\n')).toBe(0);
    expect(out.join('\n')).toContain('Staff account wang (admin) created');
    const hub = await Hub.open(dataDir, PASSPHRASE);
    try {
      expect((await hub.store.staff.get('wang'))?.role).toBe('admin');
      expect((await hub.store.staffLog.list(0, 10))[0]).toMatchObject({ action: 'staff.add', target: 'wang', address: 'local', outcome: 'ok:admin' });
      expect(JSON.stringify(await hub.store.staffLog.list(0, 10))).not.toContain('first-admin-password');
    } finally {
      await hub.close();
    }
    await run(['list'], '');
    expect(out.at(-1)).toMatch(/^wang\s+admin\s+王芳$/);
  });

  it('refuses a short or missing password, a bad role, a taken id, in the chosen language', async () => {
    await expect(run(['add', '--id', 'wang', '--name', 'W', '--role', 'admin'], '')).rejects.toThrow(/password on standard input/);
    await expect(run(['add', '--id', 'wang', '--name', 'W', '--role', 'admin'], 'short\n', 'zh')).rejects.toThrow(/请从标准输入给出密码/);
    await expect(run(['add', '--id', 'wang', '--name', 'W', '--role', 'root'], 'first-admin-password\n')).rejects.toThrow(/--role must be admin, officer or auditor/);
    await expect(run(['add', '--id', '3715001980', '--name', 'W', '--role', 'admin'], 'first-admin-password\n')).rejects.toThrow(/the account was refused: id:/);
    expect(await run(['add', '--id', 'wang', '--name', 'W', '--role', 'admin'], 'first-admin-password\n')).toBe(0);
    await expect(run(['add', '--id', 'wang', '--name', 'W', '--role', 'officer'], 'first-admin-password\n', 'zh')).rejects.toThrow(/已存在/);
  });

  it('unlocks an id locked by wrong guesses, and sets a password from standard input (sessions ended, both logged)', async () => {
    expect(await run(['add', '--id', 'wang', '--name', '王芳', '--role', 'admin'], 'first-admin-password\n')).toBe(0);
    const limits = { nowMs: Date.now(), maxFailures: 5, lockMs: 15 * 60_000 };
    let hub = await Hub.open(dataDir, PASSPHRASE);
    try {
      for (let i = 0; i < 5; i++) {
        await hub.store.staff.reserveAttempt('wang', limits);
        await hub.store.staff.settleFailure('wang', limits);
      }
      expect(await hub.store.staff.lockedUntil('wang', limits.nowMs)).toBeGreaterThan(limits.nowMs);
    } finally {
      await hub.close();
    }
    expect(await run(['unlock', '--id', 'wang'], '')).toBe(0);
    expect(out.at(-1)).toContain('wang');
    await expect(run(['unlock', '--id', 'nobody'], '', 'zh')).rejects.toThrow(/nobody/);
    await expect(run(['password', '--id', 'wang'], 'short\n')).rejects.toThrow(/password on standard input/);
    expect(await run(['password', '--id', 'wang'], 'second-admin-password\n')).toBe(0);
    await expect(run(['password', '--id', 'nobody'], 'second-admin-password\n')).rejects.toThrow(/nobody/);
    hub = await Hub.open(dataDir, PASSPHRASE);
    try {
      expect(await hub.store.staff.lockedUntil('wang', limits.nowMs)).toBe(0);
      const { passwordMatches } = await import('../../../hub/console/password.js');
      expect(await passwordMatches('second-admin-password', (await hub.store.staff.get('wang'))?.passwordHash)).toBe(true);
      const log = await hub.store.staffLog.list(0, 10);
      expect(log.map((e) => [e.action, e.target, e.address])).toEqual([
        ['staff.add', 'wang', 'local'],
        ['staff.unlock', 'wang', 'local'],
        ['staff.reset-password', 'wang', 'local'],
      ]);
      expect(JSON.stringify(log)).not.toContain('second-admin-password');
    } finally {
      await hub.close();
    }
  });

  it('never prints a database password given in the connection string, even with JINKA_DEBUG', async () => {
    for (const url of ['postgres://jinka:S3cretPw@127.0.0.1:1/hub', 'postgres://jinka:S3cretPw@127.0.0.1:99999/hub', 'postgres://jinka:S3cretPw@[::1/hub', 'postgres://jinka:S3cret/Pw#x@127.0.0.1:1/hub']) {
      out = [];
      const debug: HubCliContext = { ...ctx(), env: { ...ctx().env, JINKA_DEBUG: '1' } };
      expect(await runHubCli(['staff', 'list', '--database', url], debug)).toBe(2);
      expect(out.join('\n')).toMatch(/^jinka-hub: /);
      expect(out.join('\n'), url).not.toContain('S3cret');
    }
  });
});
