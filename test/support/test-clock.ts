import { at } from './fixtures.js';

/**
 * A clock a test moves by hand (UTC ms): call it for the time (it is a `() => number` the core
 * and the hub take), or read and write `now`; `set` jumps to an ISO instant, `advance` moves on.
 */
export interface TestClock {
  (): number;
  now: number;
  set(iso: string): void;
  advance(ms: number): void;
}

/** A test clock starting at `start` (an ISO instant with offset, or UTC ms); by default 2026-06-01 10:00 Shanghai. */
export function testClock(start: string | number = '2026-06-01T10:00:00+08:00'): TestClock {
  let now = typeof start === 'number' ? start : at(start);
  // Calling reads `now`, so a test that redefines `now` (a skewed clock) moves both.
  const clock = (() => clock.now) as TestClock;
  Object.defineProperty(clock, 'now', {
    configurable: true,
    enumerable: true,
    get: () => now,
    set: (ms: number) => {
      now = ms;
    },
  });
  clock.set = (iso) => {
    now = at(iso);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
