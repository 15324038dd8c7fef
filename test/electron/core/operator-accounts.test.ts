import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/core/crypto/pin-hash.js';
import { addOperator, checkOperatorPin, LOCKOUT_MS, resetOperatorPin } from '../../../electron/core/operator-accounts.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { at, makeAuthority, provisionedTerminal } from '../../support/fixtures.js';
import { openStores } from '../../support/stores.js';

let terminal: Terminal;
let cleanup: () => void;
let dir: string;
const clock = { ms: 0 };

beforeEach(async () => {
  clock.ms = at('2026-06-01T10:00:00+08:00');
  ({ terminal, cleanup, dir } = provisionedTerminal(makeAuthority(), { clock: () => clock.ms }));
  const added = await addOperator(terminal, { id: 'op1', name: '收银员', role: 'operator', pin: '1234' });
  expect(added.ok).toBe(true);
});
afterEach(() => cleanup());

const wrongPins = (n: number): string[] => Array.from({ length: n }, (_, i) => String(5000 + i));

describe('PIN lockout under concurrent attempts', () => {
  it('a burst of parallel guesses with the right PIN among them never signs in past the lockout', async () => {
    const pins = wrongPins(200);
    pins[100] = '1234';
    const results = await Promise.all(pins.map((pin) => checkOperatorPin(terminal, 'op1', pin, clock.ms)));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.filter((r) => !r.ok && r.error.code === 'LOCKED_OUT').length).toBeGreaterThanOrEqual(195);
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
  });

  it('once locked, a burst holding the right PIN is refused entirely', async () => {
    for (const pin of wrongPins(5)) await checkOperatorPin(terminal, 'op1', pin, clock.ms);
    const pins = [...wrongPins(50), '1234'];
    const results = await Promise.all(pins.map((pin) => checkOperatorPin(terminal, 'op1', pin, clock.ms)));
    expect(results.every((r) => !r.ok && r.error.code === 'LOCKED_OUT')).toBe(true);
  });

  it('lets six parallel tries in at most five hashings: the sixth locks before it is hashed', async () => {
    const results = await Promise.all([...wrongPins(5), '1234'].map((pin) => checkOperatorPin(terminal, 'op1', pin, clock.ms)));
    expect(results.some((r) => r.ok)).toBe(false);
  });

  it('still takes the right PIN after four wrong ones, one at a time', async () => {
    for (const pin of wrongPins(4)) expect(await checkOperatorPin(terminal, 'op1', pin, clock.ms)).toMatchObject({ ok: false, error: { code: 'BAD_PIN' } });
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms)).toMatchObject({ ok: true, value: { id: 'op1' } });
  });
});

describe('unknown operator ids answer exactly like real ones', () => {
  it('counts down and locks out an unknown id with the same answers as a real one', async () => {
    const real = [];
    const unknown = [];
    for (const pin of wrongPins(6)) {
      real.push(await checkOperatorPin(terminal, 'op1', pin, clock.ms));
      unknown.push(await checkOperatorPin(terminal, 'nobody', pin, clock.ms));
    }
    expect(unknown).toEqual(real);
    expect(real[2]).toEqual({ ok: false, error: { code: 'BAD_PIN', attemptsLeft: 2 } });
    expect(real[5]).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
  });

  it('keeps no attempt row for ever: rows idle a day are pruned', async () => {
    for (let i = 0; i < 30; i += 1) await checkOperatorPin(terminal, `ghost${i}`, '0000', clock.ms);
    const count = () => openStores(terminal).db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sign_in_attempts').get()?.n;
    expect(count()).toBe(30);
    clock.ms += 25 * 3600_000;
    await checkOperatorPin(terminal, 'ghost-new', '0000', clock.ms);
    expect(count()).toBe(1);
  });
});

describe('PIN floor', () => {
  it('needs 6 digits for a supervisor and 4 for an operator, on add and on reset', async () => {
    expect(await addOperator(terminal, { id: 'boss', name: '主管', role: 'supervisor', pin: '1234' })).toEqual({ ok: false, error: 'INVALID_PIN' });
    expect(await addOperator(terminal, { id: 'boss', name: '主管', role: 'supervisor', pin: '12345' })).toEqual({ ok: false, error: 'INVALID_PIN' });
    expect(await addOperator(terminal, { id: 'op2', name: '收银员', role: 'operator', pin: '123' })).toEqual({ ok: false, error: 'INVALID_PIN' });
    expect((await addOperator(terminal, { id: 'boss', name: '主管', role: 'supervisor', pin: '123456' })).ok).toBe(true);
    expect(await resetOperatorPin(terminal, 'boss', '4321')).toBe(false);
    expect(await resetOperatorPin(terminal, 'boss', '654321')).toBe(true);
    expect(await resetOperatorPin(terminal, 'op1', '4321')).toBe(true);
  });

  it('settles the right PIN of a supervisor under 6 digits as a failure, answered and counted like a wrong one', async () => {
    openStores(terminal).operators.add({ id: 'old', name: '老主管', role: 'supervisor', pinHash: await hashPin('9999'), createdMs: clock.ms });
    expect(await checkOperatorPin(terminal, 'old', '1111', clock.ms)).toEqual({ ok: false, error: { code: 'BAD_PIN', attemptsLeft: 4 } });
    expect(await checkOperatorPin(terminal, 'old', '9999', clock.ms)).toEqual({ ok: false, error: { code: 'BAD_PIN', attemptsLeft: 3 } });
    expect(await checkOperatorPin(terminal, 'old', '1112', clock.ms)).toEqual({ ok: false, error: { code: 'BAD_PIN', attemptsLeft: 2 } });
    expect(await resetOperatorPin(terminal, 'old', '987654')).toBe(true);
    expect(await checkOperatorPin(terminal, 'old', '987654', clock.ms)).toMatchObject({ ok: true, value: { role: 'supervisor' } });
  });
});

describe('lockouts and a clock changed by hand', () => {
  const lock = async (mono: number) => {
    for (const pin of wrongPins(5)) await checkOperatorPin(terminal, 'op1', pin, clock.ms, mono);
  };

  it('keeps a lockout in this process when the wall clock jumps forward past it', async () => {
    await lock(1_000);
    clock.ms += LOCKOUT_MS + 60_000;
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms, 61_000)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms, 1_000 + LOCKOUT_MS + 1)).toMatchObject({ ok: true });
  });

  it('lifts a lockout after its real length in this process when the wall clock was set back a day', async () => {
    await lock(1_000);
    clock.ms -= 24 * 3600_000;
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms, 1_000 + LOCKOUT_MS - 1)).toMatchObject({ ok: false, error: { code: 'LOCKED_OUT' } });
    expect(await checkOperatorPin(terminal, 'op1', '1234', clock.ms + 1, 1_000 + LOCKOUT_MS + 1)).toMatchObject({ ok: true });
  });

  it('restarts from now a stored lock further ahead than a lockout lasts (the clock was set back, another process locked it)', async () => {
    await lock(1_000);
    const other = Terminal.open(dir, () => clock.ms);
    try {
      clock.ms -= 24 * 3600_000;
      const locked = await checkOperatorPin(other, 'op1', '1234', clock.ms, 0);
      expect(locked).toEqual({ ok: false, error: { code: 'LOCKED_OUT', retryAtMs: clock.ms + LOCKOUT_MS } });
      clock.ms += LOCKOUT_MS + 1;
      expect(await checkOperatorPin(other, 'op1', '1234', clock.ms, LOCKOUT_MS + 1)).toMatchObject({ ok: true });
    } finally {
      other.close();
    }
  });
});
