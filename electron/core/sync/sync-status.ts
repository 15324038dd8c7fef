import type { SyncView } from '../../../shared/api/api-types.js';
import type { SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import { listsFreshness } from '../../../shared/decision/list-freshness.js';
import { formatShanghai } from '../../../shared/time/shanghai-calendar.js';
import { storesOf, type Terminal } from '../terminal.js';
import { clockNotice } from './sync-round.js';

/** Everything `jinka sync status` shows; `view` is what the counter UI shows. */
export interface SyncDetails {
  view: SyncView;
  enrolment: { hubUrl: string; terminalId: string; site: string; service: string; enrolledAt: string } | null;
  uploadCursor: number;
  auditHead: number;
  pendingEntries: number;
  pendingUses: number;
  quotaCursor: number;
  remoteUses: number;
  /** The hub's clock at the last contact; `skewSeconds` is this clock minus the hub's (positive: this clock is ahead), as the text says it. */
  hubClock: { hubTime: string; skewSeconds: number; warning: SyncNotice | null } | null;
  /** Revocation list ages measured in hub time (this terminal's clock corrected by the last skew seen). */
  lists: { iss: string; seq: number; ageHours: number; stale: boolean }[];
  /** Trusted issuers without any revocation list (stale, §6). */
  listsMissing: string[];
  lastAttempt: string | null;
  failures: number;
}

/** The sync state for the terminal API (`sync.status`) and the status bar, read from the database. */
export function syncStatus(terminal: Terminal): SyncView {
  const { sync, auditQueue } = storesOf(terminal);
  // The counter counts uses; decisions and imports travel in the same queue but are not shown.
  const pendingUploads = auditQueue.pending(sync.uploadCursor()).uses;
  if (sync.enrolment() === undefined) return { state: 'not-enrolled', lastSuccess: null, pendingUploads, notices: [{ code: 'NOT_ENROLLED' }] };
  const round = sync.lastRound();
  const clock = sync.hubClock();
  return {
    state: round?.state ?? 'idle',
    lastSuccess: round?.lastSuccessMs == null ? null : formatShanghai(round.lastSuccessMs),
    pendingUploads,
    notices: round !== undefined ? round.notices : [clockNotice(clock?.offsetMs ?? null)].filter((n) => n !== null),
  };
}

/** The full sync report of `jinka sync status` and the sync section of `jinka status`. */
export function syncDetails(terminal: Terminal): SyncDetails {
  const stores = storesOf(terminal);
  const { sync, auditQueue } = stores;
  const enrolment = sync.enrolment();
  const uploadCursor = sync.uploadCursor();
  const pending = auditQueue.pending(uploadCursor);
  const clock = sync.hubClock();
  const hubNow = terminal.now() + (clock?.offsetMs ?? 0);
  const lists = listsFreshness(
    stores.trust.issuers().map((i) => i.iss),
    stores.revocations.lists(),
    hubNow,
    terminal.policy().listStaleHours,
  );
  const round = sync.lastRound();
  return {
    view: syncStatus(terminal),
    enrolment: enrolment === undefined ? null : { ...enrolment, enrolledAt: formatShanghai(enrolment.enrolledMs) },
    uploadCursor,
    auditHead: auditQueue.headSeq(),
    pendingEntries: pending.entries,
    pendingUses: pending.uses,
    quotaCursor: sync.quotaCursor(),
    remoteUses: stores.remoteUses.total(),
    hubClock: clock === undefined ? null : { hubTime: formatShanghai(clock.hubTimeMs), skewSeconds: Math.round(-clock.offsetMs / 1000), warning: clockNotice(clock.offsetMs) },
    lists: lists.lists,
    listsMissing: lists.missing,
    lastAttempt: round ? formatShanghai(round.attemptMs) : null,
    failures: round?.failures ?? 0,
  };
}
