import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';
import { auditBodies, openStores } from '../../support/stores.js';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
});
afterEach(() => f.cleanup());

const clockEntries = () => auditBodies(f.terminal, 'clock');

/** A use recorded while the clock ran a year ahead, then the clock put right: every decision is CLOCK_SUSPECT. */
async function leaveClockSuspect(): Promise<void> {
  f.clock.ms += YEAR;
  await f.signIn('operator');
  const verified = await f.value('card.verify', { token: f.authority.card() });
  await f.value('card.record', { decisionId: verified.id, idChecked: true });
  f.clock.ms -= YEAR;
  expect(await f.value('status.get', {})).toMatchObject({ clockSuspect: true });
}

describe('clock.reset', () => {
  it('is for supervisors only: an operator or nobody gets an error and changes nothing', async () => {
    await leaveClockSuspect();
    expect(await f.service.call('clock.reset', { reason: 'clock was ahead' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await f.value('session.signOut', {});
    expect(await f.service.call('clock.reset', { reason: 'clock was ahead' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await f.value('status.get', {})).toMatchObject({ clockSuspect: true });
    expect(clockEntries()).toEqual([]);
  });

  it('needs a reason of 1–200 characters', async () => {
    await leaveClockSuspect();
    await f.signIn('supervisor');
    for (const input of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(201) }, { reason: 'ok', extra: 1 }, { reason: 'ok\nFAKE: approved' }, { reason: '\u001b[31mok' }, { reason: 'ok\u202e' }]) {
      expect(await f.service.handle('clock.reset', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(clockEntries()).toEqual([]);
  });

  it('refuses with CLOCK_WRONG while the hub says this clock is wrong, and changes nothing', async () => {
    await leaveClockSuspect();
    const now = f.terminal.now();
    openStores(f.terminal).sync.setEnrolment({ hubUrl: 'https://hub.example', terminalId: 'T-1', site: '东昌影城', service: 'gym', enrolledMs: now });
    // The hub measured this clock a day behind.
    openStores(f.terminal).sync.setHubClock({ offsetMs: DAY, hubTimeMs: now + DAY, localMs: now });
    await f.signIn('supervisor');
    const refused = await f.service.call('clock.reset', { reason: 'clock ok' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLOCK_WRONG', message: expect.stringMatching(/先把系统时钟调准|set the system clock right first/) as unknown } });
    expect(await f.value('status.get', {})).toMatchObject({ clockSuspect: true });
    expect(clockEntries()).toEqual([]);
  });

  it('clears CLOCK_SUSPECT, audited with the reason and the supervisor', async () => {
    await leaveClockSuspect();
    await f.signIn('supervisor');
    const reset = await f.value('clock.reset', { reason: '系统时钟曾快一年，已校正' });
    expect(reset).toEqual({ from: formatShanghai(f.clock.ms + YEAR), to: formatShanghai(f.clock.ms) });
    expect(await f.value('status.get', {})).toMatchObject({ clockSuspect: false });
    expect(clockEntries()).toEqual([expect.objectContaining({ event: 'reset', reason: '系统时钟曾快一年，已校正', operator: 'boss', via: 'api' })]);
  });
});
