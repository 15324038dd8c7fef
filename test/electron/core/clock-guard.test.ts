import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockSuspect, hubClockVerdict, recordAtRefusal, resetClockGuard } from '../../../electron/core/clock-guard.js';
import { runSyncRound } from '../../../electron/core/sync/sync-round.js';
import type { Terminal } from '../../../electron/core/terminal.js';
import { makeAuthority, type TestAuthority } from '../../support/fixtures.js';
import { FakeHub } from '../../sync/support/fake-hub.js';
import { enrol, syncTerminal, testClock, type TestClock, type TestTerminal } from '../../sync/support/sync-fixtures.js';
import { auditBodies, openStores } from '../../support/stores.js';
import { verifyAudit } from '../../../electron/core/terminal-reports.js';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** A terminal whose clock is the real time plus `skew`, and a hub on the real time. */
interface Setup {
  authority: TestAuthority;
  real: TestClock;
  skew: { ms: number };
  hub: FakeHub;
  t1: TestTerminal;
}

describe('the clock guard (§6 CLOCK_SUSPECT) and the hub clock', () => {
  const s = {} as Setup;
  const terminal = (): Terminal => s.t1.terminal;
  const clockEntries = () => auditBodies(terminal(), 'clock');
  const gymWarnings = () => terminal().decide({ token: s.authority.card(), service: 'gym', atMs: terminal().now(), companions: {} }).decision.warnings;
  const recordGym = () => {
    const verified = terminal().verify({ token: s.authority.card(), service: 'gym', atMs: terminal().now(), companions: {} });
    expect(terminal().record(verified.id).ok).toBe(true);
  };

  beforeEach(() => {
    s.authority = makeAuthority();
    s.real = testClock();
    s.skew = { ms: 0 };
    const clock = testClock();
    Object.defineProperty(clock, 'now', { get: () => s.real.now + s.skew.ms });
    s.t1 = syncTerminal(s.authority, clock);
  });
  afterEach(async () => {
    s.t1.cleanup();
    await s.hub?.stop();
  });

  describe('on an enrolled terminal', () => {
    beforeEach(async () => {
      s.hub = await new FakeHub(() => s.real.now).start();
      await enrol(terminal(), s.hub.url, 'T-CLOCK', 'ENROL-CODE-1', 'gym');
    });

    it('clears a latest-seen left a year ahead once the hub confirms the corrected clock, with a clock audit entry', async () => {
      s.skew.ms = YEAR;
      recordGym();
      s.skew.ms = 0;
      s.real.advance(DAY);
      expect(gymWarnings()).toContain('CLOCK_SUSPECT');
      expect(hubClockVerdict(terminal())).toBe('agrees');

      await runSyncRound(terminal());
      expect(gymWarnings()).not.toContain('CLOCK_SUSPECT');
      expect(openStores(terminal()).meta.latestSeenMs()).toBe(s.real.now);
      expect(clockEntries()).toEqual([expect.objectContaining({ event: 'hub', to: s.real.now })]);
    });

    it('still suspects a clock set back after the hub saw it right: the measurement does not follow the clock', async () => {
      recordGym();
      await runSyncRound(terminal());
      s.skew.ms = -DAY;
      expect(gymWarnings()).toContain('CLOCK_SUSPECT');
      expect(hubClockVerdict(terminal())).toBe('disagrees');
      await runSyncRound(terminal());
      expect(gymWarnings()).toContain('CLOCK_SUSPECT');
      expect(clockEntries()).toEqual([]);
    });

    it('lowers nothing while the clock is still ahead of the hub', async () => {
      s.skew.ms = YEAR;
      recordGym();
      const seen = openStores(terminal()).meta.latestSeenMs();
      await runSyncRound(terminal());
      expect(openStores(terminal()).meta.latestSeenMs()).toBe(seen);
      expect(clockEntries()).toEqual([]);
    });

    it('refuses a reset while the hub says this clock is wrong, so a clock set back cannot be declared right (uses back-dated)', async () => {
      recordGym();
      await runSyncRound(terminal());
      s.skew.ms = -DAY;
      expect(hubClockVerdict(terminal())).toBe('disagrees');
      expect(resetClockGuard(terminal(), 'clock ok', { via: 'cli' })).toEqual({ ok: false, error: 'CLOCK_WRONG' });
      expect(clockSuspect(terminal())).toBe(true);
      expect(clockEntries()).toEqual([]);
    });

    it('refuses a reset with the clock behind the hub time last measured, even within the measurement tolerance', () => {
      const now = terminal().now();
      // The hub was 50 s ahead (agrees within 60 s); the clock was then set back 30 s.
      openStores(terminal()).sync.setHubClock({ offsetMs: 50_000, hubTimeMs: now + 50_000, localMs: now });
      s.skew.ms = -30_000;
      expect(hubClockVerdict(terminal())).toBe('agrees');
      expect(resetClockGuard(terminal(), 'clock ok', { via: 'api', operator: 'admin' })).toEqual({ ok: false, error: 'CLOCK_WRONG' });
      expect(clockEntries()).toEqual([]);
    });

    it('allows a reset when the hub agrees with this clock', () => {
      s.skew.ms = YEAR;
      recordGym();
      s.skew.ms = 0;
      expect(hubClockVerdict(terminal())).toBe('agrees');
      expect(resetClockGuard(terminal(), 'clock was a year ahead', { via: 'cli' })).toEqual({ ok: true, value: { fromMs: s.real.now + YEAR, toMs: s.real.now } });
      expect(clockSuspect(terminal())).toBe(false);
    });

    it('refuses to record at an instant further from the real clock than the tolerance, either way', () => {
      const now = terminal().now();
      expect(recordAtRefusal(terminal(), now + 60_000)).toBeUndefined();
      expect(recordAtRefusal(terminal(), now - 60_000)).toBeUndefined();
      expect(recordAtRefusal(terminal(), now - 61_000)).toEqual({ offsetMs: -61_000, toleranceMs: 60_000 });
      expect(recordAtRefusal(terminal(), now + YEAR)).toMatchObject({ offsetMs: YEAR });
    });
  });

  describe('on a terminal that is not enrolled', () => {
    it('keeps CLOCK_SUSPECT until a supervisor resets it with a reason, which the audit log keeps', () => {
      s.skew.ms = YEAR;
      recordGym();
      s.skew.ms = 0;
      expect(clockSuspect(terminal())).toBe(true);
      expect(hubClockVerdict(terminal())).toBe('unknown');

      expect(resetClockGuard(terminal(), '   ', { via: 'api', operator: 'admin' })).toEqual({ ok: false, error: 'INVALID_REASON' });
      expect(resetClockGuard(terminal(), 'x'.repeat(201), { via: 'api', operator: 'admin' })).toEqual({ ok: false, error: 'INVALID_REASON' });
      // Line breaks, terminal escape codes and bidi overrides would forge lines or hide text wherever the reason is shown.
      for (const reason of ['clock ok\nFAKE: reset approved by the bureau', 'ok\rFAKE', '\u001b[2Jclock ok', 'ok\u0000', 'ok\u009b31m', 'ok\u202etxt.exe', 'tab\there']) {
        expect(resetClockGuard(terminal(), reason, { via: 'api', operator: 'admin' })).toEqual({ ok: false, error: 'INVALID_REASON' });
      }
      expect(clockSuspect(terminal())).toBe(true);
      expect(clockEntries()).toEqual([]);

      const reset = resetClockGuard(terminal(), ' clock was a year ahead on 1 June ', { via: 'api', operator: 'admin' });
      expect(reset).toEqual({ ok: true, value: { fromMs: s.real.now + YEAR, toMs: s.real.now } });
      expect(gymWarnings()).not.toContain('CLOCK_SUSPECT');
      expect(clockEntries()).toEqual([{ event: 'reset', from: s.real.now + YEAR, to: s.real.now, reason: 'clock was a year ahead on 1 June', via: 'api', operator: 'admin' }]);
      expect(verifyAudit(terminal()).ok).toBe(true);

      // The reset is no switch-off: a clock set back afterwards is suspect again.
      s.skew.ms = -DAY;
      expect(gymWarnings()).toContain('CLOCK_SUSPECT');
    });

    it('records at any --at instant, as before', () => {
      expect(recordAtRefusal(terminal(), terminal().now() - YEAR)).toBeUndefined();
    });
  });
});
