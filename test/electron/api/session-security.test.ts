import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/jinka-bridge.js';
import { hashPin } from '../../../electron/core/crypto/pin-hash.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
});
afterEach(() => f.cleanup());

const MINUTE = 60_000;
const sessionAudit = () =>
  f.terminal.stores.db
    .prepare<[], { body: string }>("SELECT body FROM audit_log WHERE kind = 'session' ORDER BY seq")
    .all()
    .map((r) => JSON.parse(r.body) as unknown);

describe('sign-in: lockout race over the API', () => {
  it('never signs in from a parallel burst once the lockout is reached', async () => {
    const pins = Array.from({ length: 120 }, (_, i) => String(100_000 + i));
    pins[60] = '999999';
    const results = await Promise.all(pins.map((pin) => f.service.handle('session.signIn', { operatorId: 'boss', pin })));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await f.value('session.current', {})).toBeNull();
  });
});

describe('sign-in: unknown ids are not told apart', () => {
  it('answers a real and an unknown id with the same code, message and fields at every try', async () => {
    for (let i = 0; i < 6; i += 1) {
      f.clock.ms += 1_000;
      const real = await f.service.call('session.signIn', { operatorId: 'op1', pin: '0000' });
      const unknown = await f.service.call('session.signIn', { operatorId: 'nobody', pin: '0000' });
      expect(unknown).toEqual(real);
    }
  });

  it('spends the same scrypt time on an unknown id as on a real one', async () => {
    const time = async (operatorId: string) => {
      const started = performance.now();
      await f.service.call('session.signIn', { operatorId, pin: '0000' });
      return performance.now() - started;
    };
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      real.push(await time('op1'));
      unknown.push(await time(`nobody${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
    expect(median(unknown)).toBeGreaterThan(median(real) / 3);
  });
});

describe('sign-in: PIN floor', () => {
  it('refuses a supervisor whose stored PIN is under 6 digits with PIN_TOO_SHORT and says how to set one', async () => {
    f.terminal.stores.operators.add({ id: 'old', name: '老主管', role: 'supervisor', pinHash: await hashPin('4321'), createdMs: f.clock.ms });
    const result = await f.service.call('session.signIn', { operatorId: 'old', pin: '4321' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PIN_TOO_SHORT' } });
    expect(!result.ok && result.error.message).toContain('jinka operator pin');
    expect(await f.value('session.current', {})).toBeNull();
  });
});

describe('sessions end when idle', () => {
  it('ends an operator session 30 minutes after the last call, answers NOT_SIGNED_IN, audits and tells the window', async () => {
    const events: ApiEvent[] = [];
    f.service.onEvent((e) => events.push(e));
    await f.signIn('operator');
    f.clock.ms += 29 * MINUTE;
    expect((await f.service.call('history.list', {})).ok).toBe(true);
    f.clock.ms += 29 * MINUTE;
    expect((await f.service.call('history.list', {})).ok).toBe(true);
    f.clock.ms += 30 * MINUTE + 1_000;
    expect(await f.service.call('card.verify', { token: f.authority.card() })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await f.value('session.current', {})).toBeNull();
    expect(sessionAudit()).toEqual([
      { event: 'sign-in', operator: 'op1' },
      { event: 'sign-out', operator: 'op1', reason: 'idle' },
    ]);
    expect(events.at(-1)).toEqual({ type: 'session.changed', operator: null });
  });

  it('ends a supervisor session after 5 minutes even while the status bar keeps polling', async () => {
    await f.signIn('supervisor');
    for (let i = 0; i < 5; i += 1) {
      f.clock.ms += MINUTE;
      await f.service.call('status.get', {});
    }
    f.clock.ms += 1_000;
    expect((await f.value('status.get', {})).operator).toBeNull();
    expect(await f.service.call('settings.set', { siteName: '某站' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('takes the idle times from the settings (supervisors only) within bounds', async () => {
    await f.signIn('supervisor');
    expect(await f.value('settings.set', { operatorIdleMinutes: 10, supervisorIdleMinutes: 2 })).toMatchObject({ operatorIdleMinutes: 10, supervisorIdleMinutes: 2 });
    expect(await f.service.call('settings.set', { supervisorIdleMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('settings.set', { supervisorIdleMinutes: 61 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await f.service.call('settings.set', { operatorIdleMinutes: 481 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await f.signIn('operator');
    f.clock.ms += 10 * MINUTE + 1_000;
    expect(await f.service.call('history.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
