import { clip, type SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import { storesOf, type Terminal } from '../terminal.js';
import type { RoundRecord } from '../store/sync-store.js';
import { downloadChanges, type DownloadSummary } from './download-step.js';
import type { HubError } from './hub-client.js';
import { openSession, type SyncOptions } from './sync-session.js';
import { withheldNotice } from './upload-batches.js';
import { uploadPending, type UploadSummary } from './upload-step.js';

/** A terminal clock further than this from the hub's is warned about (the §4 tolerance is at most 5 minutes). */
export const CLOCK_WARN_MS = 5 * 60_000;

/** How a round ended. */
export type RoundState = 'idle' | 'offline' | 'error' | 'disabled' | 'not-enrolled';

/** What one sync round did; `notices` say why it failed or what to look at, as codes the CLI and the counter word. */
export interface RoundReport {
  state: RoundState;
  notices: SyncNotice[];
  upload: UploadSummary | null;
  download: DownloadSummary | null;
  /** Hub time minus this terminal's clock, when the hub was reached. */
  clockSkewMs: number | null;
}

/** Options of one round: also download (bundles and remote uses), or only upload. */
export interface RoundOptions extends SyncOptions {
  download?: boolean | undefined;
}

/** The notice shown when this terminal's clock is far from the hub's (`skewMs`: hub minus this clock), else null. */
export function clockNotice(skewMs: number | null): SyncNotice | null {
  if (skewMs === null || Math.abs(skewMs) <= CLOCK_WARN_MS) return null;
  return { code: 'CLOCK_SKEW', minutes: Math.round(Math.abs(skewMs) / 60_000), direction: skewMs > 0 ? 'behind' : 'ahead' };
}

/** Most refused bundles a notice names one by one (all of them are in the round's download summary). */
const REFUSED_NAMED = 5;

const mergeUploads = (a: UploadSummary, b: UploadSummary): UploadSummary => ({
  batches: a.batches + b.batches,
  accepted: a.accepted + b.accepted,
  duplicates: a.duplicates + b.duplicates,
  flags: [...a.flags, ...b.flags],
  cursor: b.cursor,
  withheld: [...a.withheld, ...b.withheld],
});

const stateOf = (e: HubError): RoundState => (e.kind === 'offline' ? 'offline' : e.kind === 'disabled' ? 'disabled' : 'error');

/**
 * Runs one sync round: upload the queue, then (when asked) download bundles and remote
 * uses. The outcome is kept in the database so the CLI and the counter UI show the same
 * state; no exception escapes (a failure is a state with a message).
 */
export async function runSyncRound(terminal: Terminal, options: RoundOptions = {}): Promise<RoundReport> {
  const report: RoundReport = { state: 'idle', notices: [], upload: null, download: null, clockSkewMs: null };
  const stores = storesOf(terminal);
  const session = openSession(terminal, options);
  const previous = stores.sync.lastRound();
  const attemptMs = terminal.now();
  if (!session.ok) {
    const { state, notice } = session.error;
    if (state === 'error') {
      stores.sync.setLastRound({ state: 'error', notices: [notice], attemptMs, lastSuccessMs: previous?.lastSuccessMs ?? null, failures: (previous?.failures ?? 0) + 1 });
    }
    return { ...report, state, notices: notice === null ? [] : [notice] };
  }
  let failed: HubError | null = null;
  try {
    const upload = await uploadPending(session.value);
    if (upload.ok) report.upload = upload.value;
    else failed = upload.error;
    if (failed === null && options.download !== false) {
      const download = await downloadChanges(session.value);
      if (download.ok) report.download = download.value;
      else failed = download.error;
    }
    // Imports are audited too: send them now rather than a minute later.
    if (failed === null && report.upload !== null && stores.auditQueue.headSeq() > report.upload.cursor) {
      const more = await uploadPending(session.value);
      if (more.ok) report.upload = mergeUploads(report.upload, more.value);
      else failed = more.error;
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    failed = { kind: 'refused', status: null, message: `sync failed: ${detail}`, notice: { code: 'ROUND_FAILED', detail: clip(detail, 300) }, hubTimeMs: null };
  }
  const clock = stores.sync.hubClock();
  report.clockSkewMs = clock !== undefined && clock.localMs >= attemptMs ? clock.offsetMs : null;
  const refused = report.download?.refused ?? [];
  if (failed !== null) {
    report.state = stateOf(failed);
    report.notices = [failed.notice];
  } else if (refused.length > 0) {
    report.state = 'error';
    const bundles = refused.slice(0, REFUSED_NAMED).map((r) => ({ code: clip(r.code, 64), detail: clip(r.message, 300) }));
    report.notices = [{ code: 'BUNDLES_REFUSED', bundles, total: refused.length }];
  } else {
    report.notices = [withheldNotice(report.upload?.withheld ?? []), clockNotice(report.clockSkewMs)].filter((n) => n !== null);
  }
  const record: RoundRecord = {
    state: report.state === 'not-enrolled' ? 'error' : report.state,
    notices: report.notices,
    attemptMs,
    lastSuccessMs: failed === null ? terminal.now() : (previous?.lastSuccessMs ?? null),
    failures: failed === null ? 0 : (previous?.failures ?? 0) + 1,
  };
  try {
    stores.sync.setLastRound(record);
  } catch {
    // The round's work is already saved step by step; losing its summary only dims the status line.
  }
  return report;
}
