import { clockResetReasonSchema, type ClockReset } from '../../shared/clock/clock-reset.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { HubClock } from './store/sync-store.js';
import { storesOf, type Terminal } from './terminal.js';

/*
 * The clock guard of DESIGN.md §6 (CLOCK_SUSPECT): the terminal remembers the latest real
 * instant it has seen and distrusts a clock behind it. That memory only ever rises, so one
 * use recorded with the clock a year ahead would keep every decision suspect for a year.
 * Two ways bring it down, both audited (`clock` entries): the hub's clock, when the
 * terminal's clock agrees with it at a measurement, and a supervisor's reset with a reason
 * (refused while the hub says the clock is wrong).
 */

const toleranceMs = (terminal: Terminal): number => terminal.policy().clockToleranceSeconds * 1000;

/** True when the real clock is behind the latest instant seen by more than the tolerance (§6). */
export function clockSuspect(terminal: Terminal): boolean {
  return terminal.now() < storesOf(terminal).meta.latestSeenMs() - toleranceMs(terminal);
}

/** Why a reset is refused: the reason is out of bounds, or the hub says this clock is wrong. */
export type ClockResetRefusal = 'INVALID_REASON' | 'CLOCK_WRONG';

/**
 * Supervisor's reset: the latest instant seen becomes the real clock now. The reason
 * (1–200 characters, one line) and who reset it are kept in the audit log, which goes to the hub.
 * Refused on an enrolled terminal whose clock the hub's last measurement says is wrong, or
 * that is behind the hub's time at that measurement: real time never runs back, so such a
 * clock is set back, and a reset would let uses be recorded back-dated with no warning.
 */
export function resetClockGuard(terminal: Terminal, reason: string, by: { operator?: string; via: 'cli' | 'api' }): Result<ClockReset, ClockResetRefusal> {
  const why = clockResetReasonSchema.safeParse(reason);
  if (!why.success) return err('INVALID_REASON');
  const hubTimeMs = storesOf(terminal).sync.hubClock()?.hubTimeMs;
  const behindHub = hubTimeMs !== undefined && storesOf(terminal).sync.enrolment() !== undefined && terminal.now() < hubTimeMs - toleranceMs(terminal);
  if (behindHub || hubClockVerdict(terminal) === 'disagrees') return err('CLOCK_WRONG');
  const stores = storesOf(terminal);
  return ok(
    stores.transaction(() => {
      const fromMs = stores.meta.latestSeenMs();
      const toMs = terminal.now();
      stores.meta.resetSeen(toMs);
      stores.audit.append('clock', toMs, { event: 'reset', from: fromMs, to: toMs, reason: why.data, via: by.via, ...(by.operator === undefined ? {} : { operator: by.operator }) });
      return { fromMs, toMs };
    }),
  );
}

/**
 * Called whenever the hub's clock is measured. When this terminal's clock agrees with the
 * hub's within the tolerance, the hub's time at that moment is the real time, so a latest
 * instant seen beyond it was stamped by a clock that ran ahead, not evidence of a clock set
 * back: it is lowered to the hub's time (audited). A clock that disagrees changes nothing,
 * and since the measurement is taken at one instant a clock set back later is still caught.
 */
export function reconcileWithHubClock(terminal: Terminal, clock: HubClock): ClockReset | undefined {
  const tolerance = toleranceMs(terminal);
  if (Math.abs(clock.offsetMs) > tolerance) return undefined;
  const stores = storesOf(terminal);
  return stores.transaction(() => {
    const fromMs = stores.meta.latestSeenMs();
    if (fromMs <= clock.hubTimeMs + tolerance) return undefined;
    stores.meta.resetSeen(clock.hubTimeMs);
    stores.audit.append('clock', terminal.now(), { event: 'hub', from: fromMs, to: clock.hubTimeMs, hubTime: clock.hubTimeMs, localTime: clock.localMs });
    return { fromMs, toMs: clock.hubTimeMs };
  });
}

/** What the hub's last measurement says of this clock now: agrees, disagrees, or nothing known (not enrolled, never measured). */
export function hubClockVerdict(terminal: Terminal): 'agrees' | 'disagrees' | 'unknown' {
  const { sync } = storesOf(terminal);
  const clock = sync.hubClock();
  if (sync.enrolment() === undefined || clock === undefined) return 'unknown';
  const tolerance = toleranceMs(terminal);
  // A clock now behind the local time of the measurement has been set back since.
  if (Math.abs(clock.offsetMs) > tolerance || terminal.now() < clock.localMs - tolerance) return 'disagrees';
  return 'agrees';
}

/** How far `--at` is from the real clock when an enrolled terminal must refuse to record with it (§7), else undefined. */
export function recordAtRefusal(terminal: Terminal, atMs: number): { offsetMs: number; toleranceMs: number } | undefined {
  if (storesOf(terminal).sync.enrolment() === undefined) return undefined;
  const offsetMs = atMs - terminal.now();
  const tolerance = toleranceMs(terminal);
  return Math.abs(offsetMs) > tolerance ? { offsetMs, toleranceMs: tolerance } : undefined;
}
