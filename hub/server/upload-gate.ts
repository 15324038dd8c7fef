/** How many uploads the hub reads at once, how many may wait, and how long. */
export interface UploadLimits {
  concurrent: number;
  queued: number;
  waitMs: number;
}

/**
 * Bounds the uploads whose bodies (up to 32 MiB each) are read and parsed at once. A request
 * waits for its turn before its body is read (the bytes stay in the sender's socket), so
 * memory holds at most `concurrent` bodies; beyond `queued` waiting, or after `waitMs`, it is
 * turned away (503, the terminal backs off and comes again).
 */
export class UploadGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limits: UploadLimits) {}

  /** A release function once admitted; undefined when turned away or `signal` ended the wait. */
  enter(signal: AbortSignal): Promise<(() => void) | undefined> {
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
