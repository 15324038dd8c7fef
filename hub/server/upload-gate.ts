/** How many uploads the hub reads at once, how many may wait and how long, and how long a body may take. */
export interface UploadLimits {
  concurrent: number;
  queued: number;
  waitMs: number;
  /** From admission: an upload whose body has not fully arrived by then is cut (a trickled body must not hold a slot). */
  bodyMs: number;
}

/** What asking for a turn answered: a release function once admitted, or why not. */
export type GateAnswer = { admitted: true; release: () => void } | { admitted: false; reason: 'busy' | 'in-progress' };

/**
 * Bounds the uploads whose bodies (up to 32 MiB each) are read and parsed at once. A request
 * waits for its turn before its body is read (the bytes stay in the sender's socket), so
 * memory holds at most `concurrent` bodies; beyond `queued` waiting, or after `waitMs`, it is
 * turned away (503, the terminal backs off and comes again). A terminal has at most one upload
 * admitted or waiting (its client sends one at a time): a second is turned away at once, so
 * one leaked key cannot take every slot or every waiting place.
 */
export class UploadGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly terminals = new Set<string>();

  constructor(readonly limits: UploadLimits) {}

  /** Asks a turn for `terminal`; `signal` ends the wait (the client went away). */
  async enter(terminal: string, signal: AbortSignal): Promise<GateAnswer> {
    if (this.terminals.has(terminal)) return { admitted: false, reason: 'in-progress' };
    this.terminals.add(terminal);
    const release = await this.turn(signal);
    if (release === undefined) {
      this.terminals.delete(terminal);
      return { admitted: false, reason: 'busy' };
    }
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.terminals.delete(terminal);
        release();
      },
    };
  }

  private turn(signal: AbortSignal): Promise<(() => void) | undefined> {
    if (this.active < this.limits.concurrent) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.limits.queued || signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const leave = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', leave);
        const at = this.waiting.indexOf(admit);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(undefined);
      };
      const admit = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', leave);
        this.active += 1;
        resolve(this.releaser());
      };
      const timer = setTimeout(leave, this.limits.waitMs);
      signal.addEventListener('abort', leave);
      this.waiting.push(admit);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
  }
}
