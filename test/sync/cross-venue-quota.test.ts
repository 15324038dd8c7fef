import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSyncRound } from '../../electron/core/sync/sync-round.js';
import { makeAuthority, type TestAuthority } from '../support/fixtures.js';
import { FakeHub } from './support/fake-hub.js';
import { dayN, enrol, syncTerminal, testClock, useCinema, type TestClock, type TestTerminal } from './support/sync-fixtures.js';
import { openStores } from '../support/stores.js';
import { syncDetails } from '../../electron/core/sync/sync-status.js';

describe('quota across venues', () => {
  let authority: TestAuthority;
  let clock: TestClock;
  let hub: FakeHub;
  let cinemaA: TestTerminal;
  let cinemaB: TestTerminal;

  beforeEach(async () => {
    authority = makeAuthority();
    clock = testClock();
    hub = await new FakeHub(() => clock.now).start();
    cinemaA = syncTerminal(authority, clock);
    cinemaB = syncTerminal(authority, clock);
    await enrol(cinemaA.terminal, hub.url, 'CINEMA-A', 'ENROL-CODE-1');
    await enrol(cinemaB.terminal, hub.url, 'CINEMA-B', 'ENROL-CODE-2');
  });

  afterEach(async () => {
    cinemaA.cleanup();
    cinemaB.cleanup();
    await hub.stop();
  });

  it('gives a card 12 films a card-year at two cinemas together, not 24', async () => {
    const card = authority.card();
    for (let day = 0; day < 6; day += 1) expect(useCinema(cinemaA.terminal, card, dayN(day)).decision).toBe('accept');
    await runSyncRound(cinemaA.terminal);
    await runSyncRound(cinemaB.terminal);
    const atB = cinemaB.terminal.decide({ token: card, service: 'cinema', atMs: dayN(6), companions: {} }).decision;
    expect(atB.quota).toMatchObject({ limit: 12, used: 6, remaining: 6 });
    for (let day = 6; day < 12; day += 1) expect(useCinema(cinemaB.terminal, card, dayN(day)).decision).toBe('accept');
    await runSyncRound(cinemaB.terminal);
    await runSyncRound(cinemaA.terminal);
    expect(useCinema(cinemaA.terminal, card, dayN(12))).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] });
    expect(useCinema(cinemaB.terminal, card, dayN(12))).toMatchObject({ decision: 'reject', reasons: ['QUOTA_EXHAUSTED'] });
    expect(hub.feed).toHaveLength(12);
  });

  it('re-checks the hub counts when recording a decision made before the other venue synced', async () => {
    const card = authority.card();
    for (let day = 0; day < 11; day += 1) useCinema(cinemaA.terminal, card, dayN(day));
    // B decides while it knows nothing of A's uses, then syncs before the holder confirms.
    const pending = cinemaB.terminal.verify({ token: card, service: 'cinema', atMs: dayN(20), companions: {} });
    expect(pending.decision.decision).toBe('accept');
    useCinema(cinemaB.terminal, card, dayN(21));
    await runSyncRound(cinemaA.terminal);
    await runSyncRound(cinemaB.terminal);
    expect(cinemaB.terminal.record(pending.id)).toEqual({ ok: false, error: 'QUOTA_EXHAUSTED' });
  });

  it('never counts its own uses twice when the hub sends them back', async () => {
    const card = authority.card();
    useCinema(cinemaA.terminal, card, dayN(0));
    await runSyncRound(cinemaA.terminal);
    const own = hub.usesFrom('CINEMA-A');
    openStores(cinemaA.terminal).remoteUses.add(own, clock.now);
    const decision = cinemaA.terminal.decide({ token: card, service: 'cinema', atMs: dayN(1), companions: {} }).decision;
    expect(decision.quota).toMatchObject({ used: 1, remaining: 11 });
  });

  it('fetches the remote uses page by page', async () => {
    hub.quotaPageSize = 2;
    const card = authority.card();
    for (let day = 0; day < 5; day += 1) useCinema(cinemaA.terminal, card, dayN(day));
    await runSyncRound(cinemaA.terminal);
    const report = await runSyncRound(cinemaB.terminal);
    expect(report.download).toMatchObject({ remoteUses: 5, quotaCursor: 5 });
    expect(syncDetails(cinemaB.terminal).remoteUses).toBe(5);
  });
});
