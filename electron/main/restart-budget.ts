/** Counts restarts in a sliding window, so a renderer that keeps crashing is not reloaded forever. */
export interface RestartBudget {
  /** Notes a restart at `nowMs` and says whether it is still within the budget. */
  allow(nowMs: number): boolean;
}

/** At most `max` restarts within any `windowMs` (default: 3 in 5 minutes). */
export function restartBudget(max = 3, windowMs = 5 * 60_000): RestartBudget {
  const restarts: number[] = [];
  return {
    allow(nowMs) {
      while (restarts.length > 0 && (restarts[0] ?? 0) <= nowMs - windowMs) restarts.shift();
      if (restarts.length >= max) return false;
      restarts.push(nowMs);
      return true;
    },
  };
}
