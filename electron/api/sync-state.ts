import type { SyncView } from '../../shared/api/api-types.js';
import type { Locale } from '../../shared/i18n/locale.js';
import type { Terminal } from '../core/terminal.js';
import { usesRecorded } from '../core/terminal-reports.js';
import type { SyncPort } from './service-context.js';

/** Sync with the bureau's hub before enrolment: nothing uploaded yet, so every recorded use is pending. */
export function notEnrolledSync(terminal: Terminal, locale: Locale): SyncView {
  return {
    state: 'not-enrolled',
    lastSuccess: null,
    pendingUploads: usesRecorded(terminal),
    message: locale === 'zh' ? '本终端尚未登记到管理平台，名单与规则请由主管导入' : 'Not enrolled with the hub yet: a supervisor imports lists and rules',
  };
}

/** The sync port of a terminal without a sync client: always 'not-enrolled', and sync.now changes nothing. */
export function notEnrolledSyncPort(terminal: Terminal, locale: () => Locale): SyncPort {
  const status = () => notEnrolledSync(terminal, locale());
  return { status, now: () => Promise.resolve(status()) };
}
