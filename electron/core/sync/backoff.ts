/** Retry delays after failed rounds. */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** No delay grows beyond this (a few minutes: a hub back up is noticed soon). */
  capMs: number;
}

/** 5 s after the first failure, doubling, at most 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with jitter: the ceiling doubles with each consecutive failure up
 * to the cap, and the delay is drawn from its upper half, so terminals that lost the hub
 * together do not all come back in the same second.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
