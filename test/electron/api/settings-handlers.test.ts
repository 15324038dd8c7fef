import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTerminalService } from '../../../electron/api/terminal-service.js';
import { Terminal } from '../../../electron/core/terminal.js';
import type { ApiEvent } from '../../../shared/api/jinka-bridge.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
  await f.signIn('supervisor');
});
afterEach(() => f.cleanup());

describe('settings.get and settings.set', () => {
  it('starts from defaults: an attended counter with the ID check, Chinese, the rules’ policy', async () => {
    expect(await f.value('settings.get', {})).toMatchObject({
      kiosk: false,
      gateMode: false,
      requireIdCheck: true,
      language: 'zh',
      duplicateWindowSeconds: 600,
      listStaleHours: 72,
      escalate: [],
      cameraDeviceId: null,
    });
  });

  it('persists settings in the terminal database across a restart', async () => {
    const saved = await f.value('settings.set', { siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus', kiosk: true, cameraDeviceId: 'cam-1', language: 'en' });
    expect(saved).toMatchObject({ siteName: '聊城汽车站', terminalId: 'BUS-02', service: 'bus', kiosk: true, cameraDeviceId: 'cam-1', language: 'en' });
    await f.value('settings.set', { cameraDeviceId: null });
    const reopened = Terminal.open(f.dir, () => f.clock.ms);
    try {
      const fresh = createTerminalService(reopened);
      expect(await fresh.call('settings.get', {})).toMatchObject({ ok: true, value: { siteName: '聊城汽车站', service: 'bus', kiosk: true, cameraDeviceId: null } });
      expect(await fresh.call('status.get', {})).toMatchObject({ ok: true, value: { terminalId: 'BUS-02', siteName: '聊城汽车站', operator: null } });
    } finally {
      reopened.close();
    }
  });

  it('keeps the terminal camera by id and by name (ids change across reboots), and refuses an oversized name', async () => {
    expect(await f.value('settings.get', {})).toMatchObject({ cameraDeviceId: null, cameraLabel: null });
    await f.value('settings.set', { cameraDeviceId: 'cam-7', cameraLabel: 'HD USB Camera (0c45:6366)' });
    expect(await f.value('settings.get', {})).toMatchObject({ cameraDeviceId: 'cam-7', cameraLabel: 'HD USB Camera (0c45:6366)' });
    expect(await f.service.call('settings.set', { cameraLabel: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.value('settings.get', {})).toMatchObject({ cameraLabel: 'HD USB Camera (0c45:6366)' });
  });

  it('applies the duplicate window and escalation to decisions (§6)', async () => {
    // The supervisor changes the settings; an operator scans (supervisors may not).
    const asSupervisor = async (change: Parameters<typeof f.value<'settings.set'>>[1]) => {
      await f.signIn('supervisor');
      await f.value('settings.set', change);
      await f.signIn('operator');
    };
    await asSupervisor({ service: 'scenic' });
    const first = await f.value('card.verify', { token: f.authority.card() });
    await f.value('card.record', { decisionId: first.id, idChecked: true });
    f.clock.ms += 5 * 60_000;
    expect((await f.value('card.verify', { token: f.authority.card() })).decision.warnings).toEqual(['DUPLICATE']);
    await asSupervisor({ duplicateWindowSeconds: 60 });
    expect(f.terminal.policy().duplicateWindowSeconds).toBe(60);
    expect((await f.value('card.verify', { token: f.authority.card() })).decision.warnings).toEqual([]);
    await asSupervisor({ duplicateWindowSeconds: 3600, escalate: ['DUPLICATE'] });
    expect((await f.value('card.verify', { token: f.authority.card() })).decision).toMatchObject({ decision: 'reject', reasons: ['DUPLICATE'] });
  });

  it('applies the staleness policy to the status bar', async () => {
    f.clock.ms += 5 * 3_600_000;
    expect((await f.value('status.get', {})).listsStale).toBe(false);
    await f.signIn('supervisor'); // five idle hours ended the supervisor's session
    await f.value('settings.set', { listStaleHours: 2 });
    expect(await f.value('status.get', {})).toMatchObject({ listsStale: true, lists: [{ iss: 'lc-hrss', stale: true }, { iss: 'sd-hrss', stale: true }] });
  });

  it('refuses a service not in the catalogue and changes nothing', async () => {
    const before = await f.value('settings.get', {});
    expect(await f.service.call('settings.set', { service: 'casino', siteName: 'x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SERVICE' } });
    expect(await f.value('settings.get', {})).toEqual(before);
  });

  it('refuses gate mode for a service that needs a ticket or a parent, whichever is set first', async () => {
    expect(await f.service.call('settings.set', { service: 'bus', gateMode: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await f.value('settings.set', { service: 'gym', gateMode: true });
    expect(await f.service.call('settings.set', { service: 'eldercare' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.value('settings.get', {})).toMatchObject({ service: 'gym', gateMode: true });
  });

  it('pushes session and settings changes to subscribers until they unsubscribe', async () => {
    const events: ApiEvent[] = [];
    const unsubscribe = f.service.onEvent((e) => events.push(e));
    await f.value('settings.set', { sounds: false });
    await f.value('session.signOut', {});
    unsubscribe();
    await f.signIn();
    expect(events).toMatchObject([
      { type: 'settings.changed', settings: { sounds: false } },
      { type: 'session.changed', operator: null },
    ]);
  });

  it('lists the catalogue of the rules in force and answers sync as not enrolled', async () => {
    const catalogue = await f.value('catalogue.list', {});
    expect(catalogue).toContainEqual({ id: 'cinema', article: 21, name: { zh: '指定影院免费观影', en: expect.any(String) as string } });
    expect(catalogue).toHaveLength(27);
    // A code the page words, not the terminal's sentence in its own language.
    const view = await f.value('sync.now', {});
    expect(view).toEqual({ state: 'not-enrolled', lastSuccess: null, pendingUploads: 0, notices: [{ code: 'NOT_ENROLLED' }] });
  });
});
