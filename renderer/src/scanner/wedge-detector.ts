/**
 * Tells a keyboard-wedge scanner from a person typing. A scanner "types" the whole code in a
 * burst (a few ms between keys) and usually ends with Enter; some send no terminator, so a
 * burst also ends on a short pause. No person keeps a median gap under ~50 ms over a run of
 * characters, and key auto-repeat is flagged by the browser, so timing alone is enough. The
 * median (not every gap) decides, so one hiccup of a busy USB hub or a Bluetooth packet
 * boundary does not cut a code in two.
 */
export interface WedgeOptions {
  /** Largest median gap between the keys of a scan (ms). */
  maxGapMs: number;
  /** Fewest characters a burst needs to count as a scan. */
  minLength: number;
  /** Pause that ends a burst, and completes a scan sent without a terminator (ms). */
  idleMs: number;
  /** Longer pause allowed while the code so far is clearly unfinished (ms). */
  graceMs: number;
  /** True when the characters so far are an unfinished code (so a pause is a hiccup, not the end). */
  expectMore?: (text: string) => boolean;
}

/** Defaults that suit USB and Bluetooth counter scanners (2–30 ms per key). */
export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 50, minLength: 8, idleMs: 100, graceMs: 400 };

/** Timers, injectable so the detector is tested with a fake clock. */
export interface WedgeTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What the page should do with a key the detector has seen. */
export type WedgeVerdict = 'pass' | 'consume';

const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
};

/** The burst detector: feed it every keydown; it calls onScan with each complete scan. */
export class WedgeDetector {
  private buffer = '';
  private gaps: number[] = [];
  private lastAt = 0;
  private idle: unknown = null;

  constructor(
    private readonly onScan: (text: string) => void,
    private readonly options: WedgeOptions = WEDGE_DEFAULTS,
    private readonly timers: WedgeTimers = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as number) },
  ) {}

  /** Feeds one keydown (KeyboardEvent.key, its timeStamp, whether it is an auto-repeat). */
  key(key: string, at: number, repeat = false): WedgeVerdict {
    if (MODIFIERS.has(key)) return 'pass'; // scanners press Shift for capitals: neither part nor break
    if (key === 'Enter' || key === 'Tab') {
      const scan = this.isScan() ? this.buffer : null;
      this.reset();
      if (scan === null) return 'pass';
      this.onScan(scan);
      return 'consume';
    }
    if (key.length !== 1 || repeat) {
      this.flushIfScan();
      return 'pass';
    }
    if (this.buffer.length > 0) {
      const gap = at - this.lastAt;
      if (gap > this.pause()) this.flushIfScan();
      else this.gaps.push(gap);
    }
    this.buffer += key;
    this.lastAt = at;
    this.armIdle();
    return 'pass';
  }

  /** Forgets any partial burst (screen change). */
  reset(): void {
    this.buffer = '';
    this.gaps = [];
    if (this.idle !== null) this.timers.clear(this.idle);
    this.idle = null;
  }

  private isScan(): boolean {
    return this.buffer.length >= this.options.minLength && median(this.gaps) <= this.options.maxGapMs;
  }

  private pause(): number {
    return this.options.expectMore?.(this.buffer) === true ? this.options.graceMs : this.options.idleMs;
  }

  private flushIfScan(): void {
    const scan = this.isScan() ? this.buffer : null;
    this.reset();
    if (scan !== null) this.onScan(scan);
  }

  private armIdle(): void {
    if (this.idle !== null) this.timers.clear(this.idle);
    this.idle = this.timers.set(() => {
      this.idle = null;
      this.flushIfScan();
    }, this.pause());
  }
}
