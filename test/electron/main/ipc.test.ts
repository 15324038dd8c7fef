import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forwardApiEvents, registerApiIpc, type IpcMainLike } from '../../../electron/main/ipc.js';
import { API_CHANNELS } from '../../../shared/api/terminal-api.js';
import { serviceFixture, type ServiceFixture } from '../api/service-fixture.js';

// The real electron module must never load under vitest: loading it at all fails the test.
const electronLoaded = vi.hoisted(() => ({ value: false }));
vi.mock('electron', () => {
  electronLoaded.value = true;
  return {};
});

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** An ipcMain stand-in that keeps the handlers so the test can invoke them as the renderer would. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener as Listener);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  const invoke = (channel: string, input: unknown, url = 'app://jinka/index.html') => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return Promise.resolve(handler({ senderFrame: { url } } as unknown as IpcMainInvokeEvent, input));
  };
  return { ipc, handlers, invoke };
}

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
});
afterEach(() => f.cleanup());

describe('registerApiIpc', () => {
  it('registers exactly one jinka:<channel> handler per API channel', () => {
    const { ipc, handlers } = fakeIpcMain();
    registerApiIpc(ipc, f.service);
    expect([...handlers.keys()].sort()).toEqual(API_CHANNELS.map((c) => `jinka:${c}`).sort());
    // one handler per channel, none twice (the channel list itself is the API contract's)
    expect(new Set(API_CHANNELS).size).toBe(API_CHANNELS.length);
    expect(handlers.size).toBe(API_CHANNELS.length);
  });

  it('carries a call to the terminal service and returns its Result', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerApiIpc(ipc, f.service);
    expect(await invoke('jinka:session.signIn', { operatorId: 'op1', pin: '1234' })).toEqual({ ok: true, value: { id: 'op1', name: '收银员', role: 'operator' } });
    const verified = await invoke('jinka:card.verify', { token: f.authority.card() });
    expect(verified).toMatchObject({ ok: true, value: { decision: { decision: 'accept', reasons: [] } } });
    expect(await invoke('jinka:card.record', { decisionId: 'nope', idChecked: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke('jinka:settings.set', { kiosk: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers FORBIDDEN to a sender that is not the app’s page, and unregisters every handler', async () => {
    const { ipc, handlers, invoke } = fakeIpcMain();
    const unregister = registerApiIpc(ipc, f.service, { isTrustedSender: (e) => e.senderFrame?.url.startsWith('app://jinka/') === true });
    expect(await invoke('jinka:status.get', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('jinka:status.get', {})).toMatchObject({ ok: true });
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('forwards pushed events to a living window only', async () => {
    const sent: unknown[] = [];
    let destroyed = false;
    const stop = forwardApiEvents(f.service, { send: (channel: string, event: unknown) => sent.push([channel, event]), isDestroyed: () => destroyed });
    await f.signIn();
    destroyed = true;
    await f.value('session.signOut', {});
    stop();
    expect(sent).toEqual([['jinka:event', { type: 'session.changed', operator: { id: 'op1', name: '收银员', role: 'operator' } }]]);
  });

  it('never loads the electron module', () => {
    expect(electronLoaded.value).toBe(false);
  });
});
