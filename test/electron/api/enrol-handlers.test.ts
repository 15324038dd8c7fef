import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TERMINAL_KEY_FILE } from '../../../electron/core/sync/terminal-key.js';
import { FakeHub } from '../../sync/support/fake-hub.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';
import { syncDetails } from '../../../electron/core/sync/sync-status.js';

let f: ServiceFixture;
let hub: FakeHub;
beforeEach(async () => {
  f = await serviceFixture();
  hub = await new FakeHub(() => f.clock.ms).start();
});
afterEach(async () => {
  f.cleanup();
  await hub.stop();
});

describe('sync.enrol', () => {
  it('enrols under the counter’s terminal id, takes the site and service the code binds, and syncs at once', async () => {
    await f.signIn('supervisor');
    // The supervisor need not choose the service first: the code binds it (the fake hub's codes: a cinema).
    await f.value('settings.set', { terminalId: 'CINEMA-01', siteName: '东昌府影城', service: 'gym' });
    expect(await f.value('sync.status', {})).toMatchObject({ state: 'not-enrolled' });
    const view = await f.value('sync.enrol', { hubUrl: hub.url, code: ' ENROL-CODE-1 ' });
    expect(view.state).not.toBe('not-enrolled');
    expect(view).toMatchObject({ state: 'idle', pendingUploads: 0 });
    expect(view.lastSuccess).not.toBeNull();
    expect(hub.terminals.get('CINEMA-01')).toMatchObject({ site: '假影城', service: 'cinema' });
    expect(await f.value('sync.status', {})).toMatchObject({ state: 'idle' });
    expect(await f.value('settings.get', {})).toMatchObject({ terminalId: 'CINEMA-01', siteName: '假影城', service: 'cinema' });
  });

  it('answers ENROL_FAILED for a code the hub refuses, and changes nothing', async () => {
    await f.signIn('supervisor');
    const result = await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'WRONG-CODE' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENROL_FAILED' } });
    if (!result.ok) expect(result.error.message).toMatch(/^登记到管理平台未成功/);
    expect(hub.terminals.size).toBe(0);
    expect(existsSync(join(f.dir, TERMINAL_KEY_FILE))).toBe(false);
    expect(syncDetails(f.terminal).enrolment).toBeNull();
    expect(await f.value('sync.status', {})).toMatchObject({ state: 'not-enrolled' });
  });

  it('answers ENROL_FAILED when the hub cannot be reached, and refuses to enrol twice', async () => {
    await f.signIn('supervisor');
    hub.down = true;
    expect(await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1' })).toMatchObject({ ok: false, error: { code: 'ENROL_FAILED' } });
    hub.down = false;
    await f.value('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1' });
    const again = await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-2' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ENROL_FAILED' } });
    expect(hub.terminals.size).toBe(1);
  });

  it('refuses plain HTTP to a hub off this machine with INSECURE_HUB_URL, and changes nothing', async () => {
    await f.signIn('supervisor');
    for (const hubUrl of ['http://hub.example.test', 'http://127.0.0.1.example.test:8443']) {
      const result = await f.service.call('sync.enrol', { hubUrl, code: 'ENROL-CODE-1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'INSECURE_HUB_URL' } });
      if (!result.ok) expect(result.error.message).toMatch(/https:\/\//);
    }
    // A user name before the host hides where the request goes: refused as it stands.
    const disguised = await f.service.call('sync.enrol', { hubUrl: 'http://127.0.0.1@hub.example.test', code: 'ENROL-CODE-1' });
    expect(disguised).toMatchObject({ ok: false, error: { code: 'ENROL_FAILED', message: expect.stringContaining('user name') as unknown } });
    expect(hub.terminals.size).toBe(0);
    expect(existsSync(join(f.dir, TERMINAL_KEY_FILE))).toBe(false);
  });

  it('is for supervisors only, and validates its input', async () => {
    await f.signIn('operator');
    expect(await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hub.terminals.size).toBe(0);
    expect(await f.value('sync.status', {})).toMatchObject({ state: 'not-enrolled' });
    await f.signIn('supervisor');
    expect(await f.service.call('sync.enrol', { hubUrl: 'not a url', code: 'ENROL-CODE-1' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('sync.enrol', { hubUrl: hub.url, code: '123' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1', trustThumbprint: 'x'.repeat(5000) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1', trustThumbprint: 'A'.repeat(43), trustMinVersion: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a scanned QR whose trust key this terminal does not hold (another authority’s), in the counter’s words, and spends no code', async () => {
    await f.signIn('supervisor');
    const before = syncDetails(f.terminal);
    const result = await f.service.call('sync.enrol', { hubUrl: hub.url, code: 'ENROL-CODE-1', trustThumbprint: 'A'.repeat(43) });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENROL_FAILED' } });
    if (!result.ok) expect(result.error.message).toContain('二维码所指的信任密钥不在本终端已有的信任列表中');
    expect(hub.codes.has('ENROL-CODE-1')).toBe(true);
    expect(syncDetails(f.terminal)).toEqual(before);
    expect(existsSync(join(f.dir, TERMINAL_KEY_FILE))).toBe(false);
  });
});
