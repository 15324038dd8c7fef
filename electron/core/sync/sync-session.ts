import { err, ok, type Result } from '../../../shared/result.js';
import type { SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import { reconcileWithHubClock } from '../clock-guard.js';
import type { Enrolment, HubClock } from '../store/sync-store.js';
import { storesOf, type Terminal } from '../terminal.js';
import { HubClient } from './hub-client.js';
import { TerminalSigner } from './terminal-signer.js';
import { loadTerminalKey } from './terminal-key.js';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './upload-batches.js';

/** Knobs of a sync round; tests pass a fetch and small limits. */
export interface SyncOptions {
  fetch?: typeof fetch | undefined;
  timeoutMs?: number | undefined;
  downloadTimeoutMs?: number | undefined;
  batchLimits?: BatchLimits | undefined;
  signal?: AbortSignal | undefined;
}

/** Why no session could be opened: not enrolled, or enrolled without the key (what the sync state then says). */
export type SessionError = { state: 'not-enrolled'; notice: null } | { state: 'error'; notice: SyncNotice };

/** One terminal talking to its hub: the client, the signer and the hub's clock as it is learnt. */
export class SyncSession {
  readonly client: HubClient;
  readonly batchLimits: BatchLimits;
  private offsetMs: number;

  constructor(readonly terminal: Terminal, readonly enrolment: Enrolment, readonly signer: TerminalSigner, options: SyncOptions = {}) {
    this.offsetMs = storesOf(terminal).sync.hubClock()?.offsetMs ?? 0;
    this.batchLimits = options.batchLimits ?? DEFAULT_BATCH_LIMITS;
    this.client = new HubClient({
      baseUrl: enrolment.hubUrl,
      clock: () => terminal.now(),
      hubOffsetMs: () => this.offsetMs,
      signer,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      downloadTimeoutMs: options.downloadTimeoutMs,
      signal: options.signal,
      allowInsecureHttp: enrolment.insecureHttp === true,
      onHubClock: (hubTimeMs, localMs) => this.observe({ hubTimeMs, localMs }),
    });
  }

  /** The hub's clock as this terminal estimates it now. */
  hubNow(): number {
    return this.terminal.now() + this.offsetMs;
  }

  /** Records the hub's clock from an answer (the hub's time at each sync, §5 list age in hub time). */
  observe(reply: { hubTimeMs: number | null; localMs: number }): void {
    if (reply.hubTimeMs === null) return;
    const clock: HubClock = { offsetMs: Math.round(reply.hubTimeMs - reply.localMs), hubTimeMs: reply.hubTimeMs, localMs: reply.localMs };
    this.offsetMs = clock.offsetMs;
    storesOf(this.terminal).sync.setHubClock(clock);
    reconcileWithHubClock(this.terminal, clock);
  }
}

/** Opens a session for an enrolled terminal whose key is in its data folder. */
export function openSession(terminal: Terminal, options: SyncOptions = {}): Result<SyncSession, SessionError> {
  const enrolment = storesOf(terminal).sync.enrolment();
  if (enrolment === undefined) return err({ state: 'not-enrolled', notice: null });
  const key = loadTerminalKey(terminal.dataDir());
  if (key === undefined) return err({ state: 'error', notice: { code: 'KEY_MISSING' } });
  return ok(new SyncSession(terminal, enrolment, new TerminalSigner(enrolment.terminalId, key), options));
}
