import type { StatusView } from '../../../shared/api/api-types.js';

/** What the status bar says about the revocation lists. */
export interface ListSummary {
  /** Issuers (display names) trusted but without any list. */
  missing: string[];
  /** Issuers (display names) whose list is older than the site allows. */
  old: string[];
  /** Age of the oldest list held, in hours; null when none is held. */
  oldestHours: number | null;
}

/**
 * The lists as the status bar shows them: the oldest list, not the newest, and the issuers
 * whose list is missing or old, named, so the alarm says whose list to fetch (§6 LISTS_STALE;
 * the terminal decides staleness with shared/decision/list-freshness).
 */
export function listSummary(status: Pick<StatusView, 'lists' | 'listsMissing'>, issuerName: (iss: string) => string): ListSummary {
  return {
    missing: status.listsMissing.map(issuerName),
    old: status.lists.filter((l) => l.stale).map((l) => issuerName(l.iss)),
    oldestHours: status.lists.reduce<number | null>((max, l) => (max === null || l.ageHours > max ? l.ageHours : max), null),
  };
}
