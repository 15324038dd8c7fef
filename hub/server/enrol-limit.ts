/** How many enrolment attempts an address may make per window, and how many addresses are remembered. */
export interface EnrolLimitOptions {
  perWindow: number;
  windowMs: number;
  addresses: number;
}

/**
 * Ten attempts a minute per address: an honest terminal enrols once, maybe retypes its code a
 * few times; a guesser of the ~59-bit codes gets ten guesses a minute per address it holds.
 */
export const DEFAULT_ENROL_LIMIT: EnrolLimitOptions = { perWindow: 10, windowMs: 60_000, addresses: 10_000 };

/** What taking an attempt answered. */
export type EnrolTake = { ok: true } | { ok: false; retryAfterSec: number };

/**
 * Counts /v1/enrol attempts per client address in fixed windows. Memory is bounded: at most
 * `addresses` windows; when full, ended windows are dropped first, then the oldest one
 * (forgetting an address early gives it a fresh window: a flood needs that many addresses).
 */
export class EnrolLimit {
  private readonly windows = new Map<string, { startMs: number; count: number }>();
  private readonly options: EnrolLimitOptions;

  constructor(options: EnrolLimitOptions = DEFAULT_ENROL_LIMIT) {
    this.options = options;
  }

  take(address: string, nowMs: number): EnrolTake {
    const { perWindow, windowMs, addresses } = this.options;
    let window = this.windows.get(address);
    if (window !== undefined && nowMs - window.startMs >= windowMs) {
      this.windows.delete(address);
      window = undefined;
    }
    if (window === undefined) {
      if (this.windows.size >= addresses) this.makeRoom(nowMs);
      window = { startMs: nowMs, count: 0 };
      this.windows.set(address, window);
    }
    if (window.count >= perWindow) return { ok: false, retryAfterSec: Math.max(1, Math.ceil((window.startMs + windowMs - nowMs) / 1000)) };
    window.count += 1;
    return { ok: true };
  }

  /** Addresses remembered now (for tests). */
  size(): number {
    return this.windows.size;
  }

  private makeRoom(nowMs: number): void {
    for (const [address, window] of this.windows) if (nowMs - window.startMs >= this.options.windowMs) this.windows.delete(address);
    // Windows are in start order: the first is the oldest.
    while (this.windows.size >= this.options.addresses) {
      const oldest = this.windows.keys().next();
      if (oldest.done === true) break;
      this.windows.delete(oldest.value);
    }
  }
}
