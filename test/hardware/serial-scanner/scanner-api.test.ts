import { afterEach, describe, expect, it } from 'vitest';
import { createCounterHardware, type CounterHardware } from '../../../electron/hardware/counter-hardware.js';
import { serviceFixture, type ServiceFixture } from '../../electron/api/service-fixture.js';
import { tempDir } from '../../support/fixtures.js';
import { eventually, openFarEnd, ptyPair } from '../support/pty-pair.js';

let f: ServiceFixture;
let hardware: CounterHardware | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await hardware?.close();
  f.cleanup();
});

describe('scanner.next (serial scanner codes for the page)', () => {
  it('carries a code read on the configured port to a signed-in operator, and to nobody else', async () => {
    const tmp = tempDir('jinka-scanapi-');
    const pair = await ptyPair(tmp.dir, 'scan');
    closers.push(async () => {
      await pair.unplug();
      tmp.cleanup();
    });
    f = await serviceFixture({ hardware: (terminal) => (hardware = createCounterHardware(terminal, { reconnectMs: 100 })) });
    await f.signIn('supervisor');
    await f.value('settings.set', { scanner: { kind: 'serial', path: pair.near, baudRate: 9600, framing: 'line', pauseMs: 80 } });
    await eventually(() => hardware?.view().scanner.state === 'ready');
    expect((await f.value('status.get', {})).hardware.scanner).toEqual({ state: 'ready', message: null });
    await f.value('session.signOut', {});
    expect(await f.service.call('scanner.next', { after: 0, waitMs: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await f.signIn('operator');
    const device = await openFarEnd(pair.far);
    closers.push(() => device.close());
    const polled = f.value('scanner.next', { after: 0, waitMs: 3000 });
    const token = f.authority.card();
    await device.write(`${token}\r\n`);
    expect(await polled).toEqual({ seq: 1, code: token });
    const verdict = await f.value('card.verify', { token: (await polled)?.code ?? '' });
    expect(verdict.decision.decision).toBe('accept');
  });

  it('closes the port when a supervisor turns the serial scanner off', async () => {
    const tmp = tempDir('jinka-scanapi-');
    const pair = await ptyPair(tmp.dir, 'scan');
    closers.push(async () => {
      await pair.unplug();
      tmp.cleanup();
    });
    f = await serviceFixture({ hardware: (terminal) => (hardware = createCounterHardware(terminal, { reconnectMs: 100 })) });
    await f.signIn('supervisor');
    await f.value('settings.set', { scanner: { kind: 'serial', path: pair.near, baudRate: 9600, framing: 'line', pauseMs: 80 } });
    await eventually(() => hardware?.view().scanner.state === 'ready');
    await f.value('settings.set', { scanner: { kind: 'none' } });
    expect((await f.value('status.get', {})).hardware.scanner.state).toBe('off');
  });
});
