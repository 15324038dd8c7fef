import type { Hub } from '../hub.js';
import type { ReportRange, StoredFlag, UsageRow } from '../store/hub-store.js';

/** Uses and companions of one group. */
export interface Tally {
  uses: number;
  companions: number;
}

/** The bureau's report: uses by service, site, day (Shanghai) and tier; companions; flags; terminals. */
export interface HubReport {
  range: ReportRange;
  totals: Tally;
  /** Uses their terminal voided (gate mode: the gate never opened), counted in no total. */
  voided: number;
  rows: UsageRow[];
  byService: Record<string, Tally>;
  bySite: Record<string, Tally>;
  byDay: Record<string, Tally>;
  byTier: Record<string, Tally>;
  companionsByRelation: Record<string, number>;
  flagCounts: Record<string, number>;
  flags: StoredFlag[];
  terminals: { id: string; site: string; service: string; lastSeenMs: number | null; clockOffsetMs: number | null; cursor: number; disabled: boolean }[];
}

/** Uses and companions summed over rows (or tallies). */
export const totalOf = (rows: readonly Tally[]): Tally => rows.reduce((t, r) => ({ uses: t.uses + r.uses, companions: t.companions + r.companions }), { uses: 0, companions: 0 });

/**
 * The one tally of the reports (this one, the console's usage page and overview): uses and
 * companions summed by `key`, in the order the keys first appear, after `listed` (keys shown even
 * at 0, e.g. every service of the catalogue).
 */
export function tallyBy(rows: readonly UsageRow[], key: (r: UsageRow) => string, listed: readonly string[] = []): Map<string, Tally> {
  const out = new Map<string, Tally>(listed.map((k) => [k, { uses: 0, companions: 0 }]));
  for (const row of rows) {
    const k = key(row);
    const t = out.get(k) ?? { uses: 0, companions: 0 };
    t.uses += row.uses;
    t.companions += row.companions;
    out.set(k, t);
  }
  return out;
}

const tally = (rows: readonly UsageRow[], key: (r: UsageRow) => string): Record<string, Tally> => Object.fromEntries(tallyBy(rows, key));

/** Builds the report over uses stamped in the range (carried copies of re-issued cards are not uses). */
export async function buildReport(hub: Hub, range: ReportRange = {}, flagLimit = 50): Promise<HubReport> {
  const rows = await hub.store.uses.usageRows(range);
  const terminals = await hub.store.terminals.list();
  return {
    range,
    voided: await hub.store.uses.voidedCount(range),
    totals: totalOf(rows),
    rows,
    byService: tally(rows, (r) => r.service),
    bySite: tally(rows, (r) => r.site),
    byDay: tally(rows, (r) => r.day),
    byTier: tally(rows, (r) => r.tier),
    companionsByRelation: await hub.store.uses.companionsByRelation(range),
    flagCounts: await hub.store.flags.counts(),
    flags: await hub.store.flags.list({ limit: flagLimit }),
    terminals: terminals.map((t) => ({ id: t.id, site: t.site, service: t.service, lastSeenMs: t.lastSeenMs, clockOffsetMs: t.clockOffsetMs, cursor: t.cursor, disabled: t.disabledMs !== null })),
  };
}
