import type { SyncView } from '../../shared/api/api-types.js';
import type { Terminal } from '../core/terminal.js';
import { usesRecorded } from '../core/terminal-reports.js';
import type { SyncPort } from './service-context.js';

/** Sync with the bureau's hub before enrolment: nothing uploaded yet, so every recorded use is pending (the page words NOT_ENROLLED). */
export function notEnrolledSync(terminal: Terminal): SyncView {
  return { state: 'not-enrolled', lastSuccess: null, pendingUploads: usesRecorded(terminal), notices: [{ code: 'NOT_ENROLLED' }] };
}

/** The sync port of a terminal without a sync client: always 'not-enrolled', and sync.now changes nothing. */
export function notEnrolledSyncPort(terminal: Terminal): SyncPort {
  const status = () => notEnrolledSync(terminal);
  return { status, now: () => Promise.resolve(status()) };
}
