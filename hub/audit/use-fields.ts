import type { NewUse } from '../store/hub-store.js';
import type { IntegrityUse } from '../store/integrity-repo.js';

/** Companions as one comparable text: relations sorted, so the order the JSON was written in does not matter. */
export function companionsKey(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
  return JSON.stringify(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const parsedCompanions = (text: string): string => {
  try {
    return companionsKey(JSON.parse(text));
  } catch {
    return 'unreadable';
  }
};

/**
 * The first field quotas, the quota feed or reports read in which a use row differs from the
 * `use` entry it came from (undefined: none). Card, service, times and beneficiary first:
 * those decide quotas.
 */
export function firstDifference(entry: NewUse, row: IntegrityUse, site: string | undefined): string | undefined {
  const pairs: [string, unknown, unknown][] = [
    ['id', entry.id, row.id],
    ['iss', entry.iss, row.iss],
    ['sub', entry.sub, row.sub],
    ['service', entry.service, row.service],
    ['atMs', entry.atMs, row.atMs],
    ['beneficiary', entry.beneficiary, row.beneficiary],
    ['tier', entry.tier, row.tier],
    ['companions', companionsKey(entry.companions), parsedCompanions(row.companions)],
    ['companionsTotal', entry.companionsTotal, row.companionsTotal],
    ['realMs', entry.realMs, row.realMs],
    ['ticket', entry.ticket, row.ticket],
    ['decisionId', entry.decisionId, row.decisionId],
  ];
  // The site a report groups by is the enrolled terminal's.
  if (site !== undefined) pairs.push(['site', site, row.site]);
  return pairs.find(([, a, b]) => a !== b)?.[0];
}

/** The first field in which a carried copy differs from the use it repeats (all but its id and card). */
export function carriedDifference(root: IntegrityUse, copy: IntegrityUse): string | undefined {
  const fields = ['iss', 'service', 'atMs', 'beneficiary', 'tier', 'companions', 'companionsTotal', 'realMs', 'receivedMs', 'ticket', 'decisionId', 'site', 'refused', 'overQuota'] as const;
  const differs = fields.find((f) => (f === 'companions' ? parsedCompanions(root.companions) !== parsedCompanions(copy.companions) : root[f] !== copy[f]));
  if (differs !== undefined) return differs;
  if (copy.terminalId !== null) return 'terminalId';
  if (copy.auditSeq !== null) return 'auditSeq';
  return undefined;
}
