import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/jinka-bridge.js';
import { hashPin } from '../../../electron/core/crypto/pin-hash.js';
import { SIGN_IN_FAILURE_BUDGET } from '../../../electron/core/sign-in-budget.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';
import { auditBodies, openStores } from '../../support/stores.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
});
afterEach(() => f.cleanup());

const MINUTE = 60_000;
const sessionAudit = () => auditBodies(f.terminal, 'session');

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
  it('answers the right short PIN of an older supervisor exactly as a wrong one, counts it, and says how to set one', async () => {
    openStores(f.terminal).operators.add({ id: 'old', name: '老主管', role: 'supervisor', pinHash: await hashPin('4321'), createdMs: f.clock.ms });
    const wrong = await f.service.call('session.signIn', { operatorId: 'old', pin: '1111' });
    const right = await f.service.call('session.signIn', { operatorId: 'old', pin: '4321' });
    // The hint depends only on the length typed, so it confirms nothing: the right PIN is one failure more.
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(!wrong.ok && wrong.error.message).toContain('jinka operator pin');
    const again = await f.service.call('session.signIn', { operatorId: 'old', pin: '1112' });
    expect(right).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(!right.ok && right.error.message).toContain('jinka operator pin');
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_PIN', message: expect.stringContaining('再错 2 次') as string } });
    expect(await f.value('session.current', {})).toBeNull();
  });
});

describe('sign-in: typed ids and floods', () => {
  it('refuses an id no operator can have before anything is stored', async () => {
    for (const operatorId of ['漢'.repeat(60), 'boss ', 'a/b', 'x'.repeat(65)]) {
      expect(await f.service.handle('session.signIn', { operatorId, pin: '0000' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(openStores(f.terminal).db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sign_in_attempts').get()?.n).toBe(0);
  });

  it('caps failed sign-ins per minute for the whole terminal, answering every id alike, and takes sign-ins again after a minute', async () => {
    const rows = () => openStores(f.terminal).db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sign_in_attempts').get()?.n;
    const flood = await Promise.all(Array.from({ length: 300 }, (_, i) => f.service.handle('session.signIn', { operatorId: `x${i}`, pin: '0000' })));
    expect(flood.filter((r) => !r.ok && r.error.code === 'LOCKED_OUT').length).toBeGreaterThanOrEqual(300 - SIGN_IN_FAILURE_BUDGET);
    expect(rows()).toBeLessThanOrEqual(SIGN_IN_FAILURE_BUDGET);
    const real = await f.service.call('session.signIn', { operatorId: 'op1', pin: '1234' });
    const unknown = await f.service.call('session.signIn', { operatorId: 'nobody', pin: '1234' });
    expect(real).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT', retryAt: expect.any(String) as string } });
    expect(unknown).toEqual(real);
    f.clock.ms += MINUTE + 1_000;
    expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: true });
  });
});

describe('the supervisor role is for settings only', () => {
  it('refuses card.verify and card.record to a supervisor (operators scan cards)', async () => {
    await f.signIn('supervisor');
    const verify = await f.service.call('card.verify', { token: f.authority.card() });
    expect(verify).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!verify.ok && verify.error.message).toContain('收银员');
    expect(await f.service.call('card.record', { decisionId: '00000000-0000-4000-8000-000000000000', idChecked: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('keeps a supervisor session alive only by supervisor calls: counter calls and refused input do not', async () => {
    await f.signIn('supervisor');
    for (let i = 0; i < 2; i += 1) {
      f.clock.ms += 2 * MINUTE;
      await f.service.handle('card.verify', { token: 'x'.repeat(9_000) });
      await f.service.call('history.list', {});
    }
    f.clock.ms += MINUTE + 1_000;
    expect(await f.value('session.current', {})).toBeNull();
  });

  it('does not restart the idle time for a call whose input is refused', async () => {
    await f.signIn('operator');
    for (const minutes of [20, 9]) {
      f.clock.ms += minutes * MINUTE;
      expect(await f.service.handle('card.verify', { token: 'x'.repeat(9_000) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    f.clock.ms += 2 * MINUTE;
    expect(await f.value('session.current', {})).toBeNull();
  });

  it('ends a supervisor session 15 minutes after sign-in however busy, and audits why', async () => {
    await f.signIn('supervisor');
    for (let i = 0; i < 3; i += 1) {
      f.clock.ms += 4 * MINUTE;
      expect((await f.service.call('settings.set', { siteName: `站${i}` })).ok).toBe(true);
    }
    f.clock.ms += 3 * MINUTE + 1_000;
    expect(await f.service.call('settings.set', { siteName: '某站' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(sessionAudit().at(-1)).toEqual({ event: 'sign-out', operator: 'boss', reason: 'time-limit' });
  });
});

describe('session times follow a monotonic clock, not the wall clock', () => {
  it('ends a supervisor session idle 6 minutes although the wall clock was set back 3 hours', async () => {
    await f.signIn('supervisor');
    f.setWallClock(-3 * 3600_000);
    f.clock.ms += 6 * MINUTE;
    expect(await f.service.call('settings.set', { siteName: 'pwned' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('keeps a lockout when the wall clock jumps forward 5 minutes, and lifts it after 5 real minutes when set back a day', async () => {
    for (let i = 0; i < 6; i += 1) await f.service.call('session.signIn', { operatorId: 'op1', pin: String(1000 + i) });
    f.setWallClock(5 * MINUTE + 1);
    expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    f.setWallClock(-24 * 3600_000);
    f.clock.ms += 5 * MINUTE + 1_000;
    expect(await f.service.call('session.signIn', { operatorId: 'op1', pin: '1234' })).toMatchObject({ ok: true });
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
