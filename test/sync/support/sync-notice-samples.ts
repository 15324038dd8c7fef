import { SYNC_NOTICE_CODES, type SyncNotice, type SyncNoticeCode, type SyncNoticeOf } from '../../../shared/sync/sync-status-codes.js';

/** Words from outside (the hub, an exception): shown in English only, never in a Chinese line. */
export const FOREIGN_SENTENCE = 'the hub says something in plain English';

/**
 * One notice of every code, with parameters; a new code without a sample fails to compile, so
 * the wording tests (CLI and counter) cover every code.
 */
export const SYNC_NOTICE_SAMPLES: { readonly [C in SyncNoticeCode]: readonly SyncNoticeOf<C>[] } = {
  NOT_ENROLLED: [{ code: 'NOT_ENROLLED' }],
  KEY_MISSING: [{ code: 'KEY_MISSING' }],
  HUB_URL_REFUSED: [
    { code: 'HUB_URL_REFUSED', reason: 'INVALID_URL' },
    { code: 'HUB_URL_REFUSED', reason: 'INSECURE_HTTP' },
  ],
  HUB_UNREACHABLE: [
    { code: 'HUB_UNREACHABLE', cause: 'ECONNREFUSED' },
    { code: 'HUB_UNREACHABLE', cause: null },
  ],
  HUB_TIMEOUT: [{ code: 'HUB_TIMEOUT' }],
  HUB_UNAVAILABLE: [{ code: 'HUB_UNAVAILABLE', status: 503 }],
  HUB_UNAUTHORIZED: [
    { code: 'HUB_UNAUTHORIZED', hubCode: 'BAD_SIGNATURE', hubMessage: FOREIGN_SENTENCE },
    { code: 'HUB_UNAUTHORIZED', hubCode: null, hubMessage: null },
  ],
  TERMINAL_DISABLED: [
    { code: 'TERMINAL_DISABLED', hubMessage: FOREIGN_SENTENCE },
    { code: 'TERMINAL_DISABLED', hubMessage: null },
  ],
  HUB_REFUSED: [
    { code: 'HUB_REFUSED', status: 400, hubCode: 'INVALID', hubMessage: FOREIGN_SENTENCE },
    { code: 'HUB_REFUSED', status: 500, hubCode: null, hubMessage: null },
  ],
  HUB_ANSWER_TOO_LARGE: [{ code: 'HUB_ANSWER_TOO_LARGE', maxBytes: 65_536 }],
  HUB_ANSWER_NOT_JSON: [{ code: 'HUB_ANSWER_NOT_JSON', status: 200 }],
  HUB_ANSWER_UNEXPECTED: [{ code: 'HUB_ANSWER_UNEXPECTED', status: 200, path: 'cursor' }],
  UPLOAD_STALLED: [
    { code: 'UPLOAD_STALLED', acknowledged: 4, from: 5, last: 9, flags: ['CHAIN_BREAK 5'] },
    { code: 'UPLOAD_STALLED', acknowledged: 4, from: 5, last: 9, flags: [] },
  ],
  ROUND_FAILED: [{ code: 'ROUND_FAILED', detail: FOREIGN_SENTENCE }],
  BUNDLES_REFUSED: [{ code: 'BUNDLES_REFUSED', total: 2, bundles: [{ code: 'BAD_SIGNATURE', detail: FOREIGN_SENTENCE }, { code: 'GAP', detail: FOREIGN_SENTENCE }] }],
  ENTRIES_WITHHELD: [
    { code: 'ENTRIES_WITHHELD', count: 1, seq: 7, kind: 'use', length: 20_000, path: 'body' },
    { code: 'ENTRIES_WITHHELD', count: 3, seq: 7, kind: 'use', length: 20_000, path: 'body' },
  ],
  CLOCK_SKEW: [
    { code: 'CLOCK_SKEW', minutes: 20, direction: 'behind' },
    { code: 'CLOCK_SKEW', minutes: 7, direction: 'ahead' },
  ],
};

/** Every sample, code after code. */
export const allSyncNoticeSamples = (): SyncNotice[] => SYNC_NOTICE_CODES.flatMap((code): readonly SyncNotice[] => SYNC_NOTICE_SAMPLES[code]);

/** Every text a notice carries, but the foreign sentences (which a Chinese line must not repeat). */
function parameterTexts(value: unknown): string[] {
  if (typeof value === 'string') return value === FOREIGN_SENTENCE ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(parameterTexts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(parameterTexts);
  return [];
}

/**
 * The Latin words a Chinese line says that are neither the notice's own parameters (the
 * system's and the hub's codes, field names, audit kinds) nor in `allowed` (commands, flags,
 * HTTP): English that leaked into Chinese.
 */
export function englishLeft(line: string, notice: object, allowed: readonly string[]): string[] {
  let rest = line;
  const parameters = Object.entries(notice).filter(([key]) => key !== 'code').map(([, value]) => value as unknown);
  for (const token of [...parameterTexts(parameters), ...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(token).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}
