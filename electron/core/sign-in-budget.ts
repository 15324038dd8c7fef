/** Failed sign-ins the whole terminal takes per minute, whatever ids are typed (a counter's staff never come near). */
export const SIGN_IN_FAILURE_BUDGET = 20;
/** The window the budget is counted over. */
export const SIGN_IN_BUDGET_WINDOW_MS = 60_000;

/**
 * The terminal-wide budget of failed sign-ins, on a monotonic clock: a flood of typed ids
 * (each new one a row in sign_in_attempts and a scrypt hashing) is cut off after
 * SIGN_IN_FAILURE_BUDGET failures a minute. Attempts being hashed count against it, so a
 * parallel burst cannot pass it either. While it is spent every sign-in, whatever id, is
 * answered alike (locked until a slot frees) without touching the database or hashing.
 */
export class SignInBudget {
  private failures: number[] = [];
  private inFlight = 0;

  constructor(
    private readonly monotonic: () => number,
    private readonly budget = SIGN_IN_FAILURE_BUDGET,
    private readonly windowMs = SIGN_IN_BUDGET_WINDOW_MS,
  ) {}

  /** Takes a slot for one attempt (settle it once hashed), or says how long until one frees. */
  take(): { settle: (failed: boolean) => void } | { retryInMs: number } {
    const now = this.monotonic();
    this.failures = this.failures.filter((at) => now - at < this.windowMs);
    if (this.failures.length + this.inFlight >= this.budget) {
      const oldest = this.failures[0];
      return { retryInMs: oldest === undefined ? this.windowMs : oldest + this.windowMs - now };
    }
    this.inFlight += 1;
    let settled = false;
    return {
      settle: (failed) => {
        if (settled) return;
        settled = true;
        this.inFlight -= 1;
        if (failed) this.failures.push(this.monotonic());
      },
    };
  }
}
