/**
 * The same code seen continuously (the card still held up after its verdict) is reported
 * once: it is reported again only after it has gone unseen for `quietMs`.
 */
export class SameCodeQuiet {
  private last: { text: string; seenAt: number } | null = null;

  constructor(private readonly quietMs: number) {}

  /** The loop starts again (back to scanning): whatever was last in view counts as seen now, so it must leave first. */
  restart(now: number): void {
    if (this.last !== null) this.last.seenAt = now;
  }

  /** Notes `text` read at `now`; true when it is to be reported. */
  report(text: string, now: number): boolean {
    const previous = this.last;
    this.last = { text, seenAt: now };
    return previous === null || previous.text !== text || now - previous.seenAt >= this.quietMs;
  }
}
