/** A code read too long ago is not handed to the page (nobody was signed in, or the page was away). */
export const SCAN_MAX_AGE_MS = 5_000;

interface Scan {
  seq: number;
  code: string;
  atMs: number;
}

/**
 * Numbered scanner codes for the page's long-poll (`scanner.next`): the HTTP bridge has no
 * pushed events, so the page asks for the next code after the last it saw. Each code is handed
 * out once (a page opened later, or another session, never gets a card scanned before it), and
 * only the newest few, and only fresh ones, are kept.
 */
export class ScanQueue {
  private scans: Scan[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly clock: () => number = Date.now) {}

  push(code: string): void {
    this.seq += 1;
    this.scans = [...this.scans.slice(-15), { seq: this.seq, code, atMs: this.clock() }];
    for (const wake of this.waiters) wake();
  }

  /** The first fresh code after `after`, waiting up to `waitMs` for one. */
  async next(after: number, waitMs: number): Promise<{ seq: number; code: string } | null> {
    const found = this.find(after);
    if (found !== null || waitMs <= 0) return found;
    await new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        done();
      };
      const timer = setTimeout(wake, waitMs);
      this.waiters.add(wake);
    });
    return this.find(after);
  }

  /** Wakes every waiting poll (closing down). */
  close(): void {
    for (const wake of this.waiters) wake();
  }

  /** Forgets every code not yet handed out (the scanner was replaced or turned off). */
  clear(): void {
    this.scans = [];
  }

  private find(after: number): { seq: number; code: string } | null {
    const now = this.clock();
    const scan = this.scans.find((s) => s.seq > after && now - s.atMs <= SCAN_MAX_AGE_MS);
    if (scan === undefined) return null;
    this.scans = this.scans.filter((s) => s !== scan);
    return { seq: scan.seq, code: scan.code };
  }
}
