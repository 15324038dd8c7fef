import type { SyncView } from '../../../shared/api/api-types.js';
import { storesOf, type Terminal } from '../terminal.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { runDetached } from './detached.js';
import { runSyncRound, type RoundReport } from './sync-round.js';
import type { SyncOptions } from './sync-session.js';
import { syncStatus } from './sync-status.js';

/** Timers the loop uses; tests pass their own to see the delays chosen. */
export interface LoopTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: LoopTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // The loop must never keep a process alive on its own (CLI, tests).
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Defaults of the issue: upload about every minute, download about every five. */
export interface SyncLoopOptions extends Omit<SyncOptions, 'signal'> {
  uploadIntervalMs?: number;
  downloadIntervalMs?: number;
  /** Delay of the first round after start(). */
  firstDelayMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  timers?: LoopTimers;
  /** Monotonic clock for the download schedule (not the terminal's wall clock, which may jump). */
  monotonicMs?: () => number;
  /** Called whenever the state may have changed (for the status bar). */
  onChange?: (view: SyncView) => void;
  /** Called when a round failed unexpectedly (a bug, never a network failure). */
  onError?: (error: unknown) => void;
}

/**
 * The background sync of one terminal: a round every minute (upload) that also downloads
 * every five minutes, exponential backoff with jitter while the hub cannot be reached, and
 * an immediate full round on demand. Only one round runs at a time.
 */
export class SyncLoop {
  private timer: unknown = undefined;
  private running: Promise<RoundReport> | null = null;
  private started = false;
  private lastDownload = Number.NEGATIVE_INFINITY;
  private readonly abort = new AbortController();
  private readonly timers: LoopTimers;
  private readonly monotonic: () => number;
  /** The delay chosen after the last round (ms); null before the first. */
  lastDelayMs: number | null = null;
  /** The last round's report; null before the first. */
  lastReport: RoundReport | null = null;

  constructor(private readonly terminal: Terminal, private readonly options: SyncLoopOptions = {}) {
    this.timers = options.timers ?? nodeTimers;
    this.monotonic = options.monotonicMs ?? (() => performance.now());
  }

  /** Starts the loop (the first round after `firstDelayMs`, default 2 s). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(this.options.firstDelayMs ?? 2_000);
  }

  /** Stops the loop: no further rounds; a round in flight is aborted and awaited. */
  async stop(): Promise<void> {
    this.started = false;
    this.cancelTimer();
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** Runs a full round (upload and download) now and answers the state after it. */
  async syncNow(): Promise<SyncView> {
    this.cancelTimer();
    await this.round(true);
    return this.view();
  }

  /** The state for the terminal API: `syncing` while a round runs, else what the last round left. */
  view(): SyncView {
    const view = syncStatus(this.terminal);
    return this.running !== null && view.state !== 'not-enrolled' ? { ...view, state: 'syncing' } : view;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    if (!this.started) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      runDetached(this.round(false), (e) => this.options.onError?.(e));
    }, delayMs);
  }

  private async round(forceDownload: boolean): Promise<RoundReport> {
    while (this.running !== null) await this.running.catch(() => undefined);
    const download = forceDownload || this.monotonic() - this.lastDownload >= (this.options.downloadIntervalMs ?? 300_000);
    const run = runSyncRound(this.terminal, { ...this.options, download, signal: this.abort.signal });
    this.running = run;
    this.options.onChange?.(this.view());
    let report: RoundReport;
    try {
      report = await run;
    } finally {
      this.running = null;
    }
    this.lastReport = report;
    if (report.download !== null) this.lastDownload = this.monotonic();
    const failures = report.state === 'not-enrolled' ? 0 : (storesOf(this.terminal).sync.lastRound()?.failures ?? 0);
    const delay = failures > 0
      ? backoffDelay(failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random)
      : (this.options.uploadIntervalMs ?? 60_000);
    this.lastDelayMs = delay;
    this.options.onChange?.(this.view());
    this.schedule(delay);
    return report;
  }
}
