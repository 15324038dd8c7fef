import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../electron/core/sync/backoff.js';
import { SyncLoop, type LoopTimers } from '../../electron/core/sync/sync-loop.js';
import { loopSync, storedSync, type SyncControl } from '../../electron/core/sync/sync-port.js';
import { dayN, enrol, syncTerminal, useCinema, useSyncEnv } from './support/sync-fixtures.js';

/** Timers a test fires by hand; it sees every delay the loop asks for. */
class ManualTimers implements LoopTimers {
  pending: { fn: () => void; ms: number } | undefined;
  readonly delays: number[] = [];
  setTimeout(fn: () => void, ms: number): unknown {
    this.pending = { fn, ms };
    this.delays.push(ms);
    return this.pending;
  }
  clearTimeout(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }
}

describe('backoffDelay', () => {
  it('doubles from 5 s with each failure, never beyond 5 minutes, with jitter in the upper half', () => {
    const top = (n: number) => backoffDelay(n, undefined, () => 1);
    expect([1, 2, 3, 4].map(top)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(top(12)).toBe(300_000);
    expect(top(1000)).toBe(300_000);
    expect(backoffDelay(3, undefined, () => 0)).toBe(10_000);
    expect(backoffDelay(0)).toBe(0);
  });
});

describe('SyncLoop', () => {
  const env = useSyncEnv({ enrolAs: 'T1' });
  let timers: ManualTimers;
  let monotonic: number;
  let loop: SyncLoop;

  beforeEach(() => {
    timers = new ManualTimers();
    monotonic = 0;
    loop = new SyncLoop(env.t1.terminal, { timers, random: () => 1, monotonicMs: () => monotonic });
  });

  afterEach(async () => {
    await loop.stop();
  });

  it('backs off while the hub is down and returns to the minute once it is back', async () => {
    env.hub.down = true;
    loop.start();
    for (let i = 0; i < 4; i += 1) await loop.syncNow();
    expect(timers.delays).toEqual([2_000, 5_000, 10_000, 20_000, 40_000]);
    expect(loop.view().state).toBe('offline');
    env.hub.down = false;
    const view = await loop.syncNow();
    expect(view.state).toBe('idle');
    expect(timers.delays.at(-1)).toBe(60_000);
    env.hub.down = true;
    await loop.syncNow();
    expect(timers.delays.at(-1)).toBe(5_000);
  });

  it('uploads every minute and downloads every five minutes on its own', async () => {
    loop.start();
    expect(timers.pending?.ms).toBe(2_000);
    const downloads = () => env.hub.bundleQueries.length;
    const fire = async () => {
      const pending = timers.pending;
      if (pending === undefined) throw new Error('nothing scheduled');
      timers.pending = undefined;
      pending.fn();
      while (timers.pending === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await fire();
    expect(downloads()).toBe(1);
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    monotonic += 60_000;
    await fire();
    expect(downloads()).toBe(1);
    expect(env.hub.usesFrom('T1')).toHaveLength(1);
    monotonic += 240_000;
    await fire();
    expect(downloads()).toBe(2);
    expect(timers.pending?.ms).toBe(60_000);
  });

  it('shows syncing while a round runs and not-enrolled before enrolment', async () => {
    const fresh = syncTerminal(env.authority, env.clock);
    try {
      const idle = new SyncLoop(fresh.terminal, { timers: new ManualTimers() });
      expect((await idle.syncNow()).state).toBe('not-enrolled');
    } finally {
      fresh.cleanup();
    }
    const states: string[] = [];
    const watched = new SyncLoop(env.t1.terminal, { timers: new ManualTimers(), onChange: (v) => states.push(v.state) });
    await watched.syncNow();
    expect(states).toEqual(['syncing', 'idle']);
  });
});

describe('sync ports for the terminal API', () => {
  const env = useSyncEnv();
  const notEnrolled: SyncControl = {
    status: () => ({ state: 'not-enrolled', lastSuccess: null, pendingUploads: 7, notices: [{ code: 'NOT_ENROLLED' }] }),
    now: () => Promise.resolve({ state: 'not-enrolled', lastSuccess: null, pendingUploads: 7, notices: [{ code: 'NOT_ENROLLED' }] }),
  };

  it('answers with the API text before enrolment and with the stored state after', async () => {
    const port = storedSync(env.t1.terminal, notEnrolled);
    expect(port.status().pendingUploads).toBe(7);
    expect((await port.now()).state).toBe('not-enrolled');
    await enrol(env.t1.terminal, env.hub.url, 'T1', 'ENROL-CODE-1');
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    expect(port.status()).toMatchObject({ state: 'idle', pendingUploads: 1 });
    expect(await port.now()).toMatchObject({ state: 'idle', pendingUploads: 0, lastSuccess: expect.stringMatching(/\+08:00$/) as string });
  });

  it('runs a round of the loop on sync.now', async () => {
    await enrol(env.t1.terminal, env.hub.url, 'T1', 'ENROL-CODE-1');
    const loop = new SyncLoop(env.t1.terminal, { timers: new ManualTimers() });
    const port = loopSync(loop, notEnrolled);
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    expect(await port.now()).toMatchObject({ state: 'idle', pendingUploads: 0 });
    expect(env.hub.usesFrom('T1')).toHaveLength(1);
    await loop.stop();
  });
});
