import { listAge, listsFreshness } from '../../shared/decision/list-freshness.js';
import type { ReasonCode } from '../../shared/reason-codes.js';
import type { Companions } from '../../shared/relations.js';
import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import type { AuditCheck } from './store/audit-log.js';
import type { DayFilter, DecisionWithUse } from './store/decision-store.js';
import type { DamagedKeyRow } from './store/trust-store.js';
import { storesOf, type Terminal } from './terminal.js';

/** What `jinka status` shows: trust, lists, rules, clock guard, counts. */
export interface TerminalStatus {
  issuers: { iss: string; name: string; kids: string[] }[];
  revocationLists: { iss: string; seq: number; issuedAt: string; ageHours: number; revoked: number; stale: boolean }[];
  /** Trusted issuers without any revocation list. */
  listsMissing: string[];
  /** §6 LISTS_STALE: some trusted issuer's list is missing or older than the site allows. */
  listsStale: boolean;
  rules: { version: number; source: 'built-in' | 'bundle'; issuedAt: string | null };
  trustVersion: number;
  latestSeen: string | null;
  clockSuspect: boolean;
  policy: ReturnType<Terminal['policy']>;
  usageRecorded: number;
}

/** Collects the terminal's status at the current clock. */
export function terminalStatus(terminal: Terminal): TerminalStatus {
  const stores = storesOf(terminal);
  const now = terminal.now();
  const policy = terminal.policy();
  const rulesBundle = stores.bundles.get('jinka/rules');
  const latestSeen = stores.meta.latestSeenMs();
  const issuers = stores.trust.issuers();
  const held = stores.revocations.lists();
  const freshness = listsFreshness(
    issuers.map((i) => i.iss),
    held,
    now,
    policy.listStaleHours,
  );
  return {
    issuers,
    revocationLists: held.map((l) => ({ ...listAge(l, now, policy.listStaleHours), issuedAt: formatShanghai(l.iatMs), revoked: l.count })),
    listsMissing: freshness.missing,
    listsStale: freshness.stale,
    rules: {
      version: terminal.rules().version,
      source: rulesBundle ? 'bundle' : 'built-in',
      issuedAt: rulesBundle ? formatShanghai(rulesBundle.iatMs) : null,
    },
    trustVersion: stores.bundles.get('jinka/trust')?.version ?? 0,
    latestSeen: latestSeen > 0 ? formatShanghai(latestSeen) : null,
    clockSuspect: now < latestSeen - policy.clockToleranceSeconds * 1000,
    policy,
    usageRecorded: stores.usage.total(),
  };
}

/** Decisions evaluated in [fromMs, toMs), newest first, each with its recorded use (the counter's history and day summary). */
export function decisionsBetween(terminal: Terminal, fromMs: number, toMs: number, filter: DayFilter = {}): DecisionWithUse[] {
  return storesOf(terminal).decisions.between(fromMs, toMs, filter);
}

/** How many uses this terminal has recorded. */
export function usesRecorded(terminal: Terminal): number {
  return storesOf(terminal).usage.total();
}

/** Trusted-key rows that could not be read and are not used (cards they signed answer UNKNOWN_KEY). */
export function damagedTrustedKeys(terminal: Terminal): readonly DamagedKeyRow[] {
  return storesOf(terminal).trust.damaged();
}

/** True once an issuer is trusted (a trust file imported). */
export function trustProvisioned(terminal: Terminal): boolean {
  return storesOf(terminal).trust.isProvisioned();
}

/** One line of `jinka history`. */
export interface HistoryEntry {
  id: string;
  at: string;
  service: string;
  decision: 'accept' | 'reject';
  reason: ReasonCode | null;
  warnings: string[];
  card: string | null;
  recorded: boolean;
}

/** The newest decisions kept at this terminal. */
export function decisionHistory(terminal: Terminal, limit: number): HistoryEntry[] {
  return storesOf(terminal).decisions.recent(limit).map((d) => ({
    id: d.id,
    at: formatShanghai(d.atMs),
    service: d.decision.service,
    decision: d.decision.decision,
    reason: d.decision.reasons[0] ?? null,
    warnings: d.decision.warnings,
    card: d.card ? `${d.card.iss}/${d.card.sub}` : null,
    recorded: storesOf(terminal).usage.forDecision(d.id) !== undefined,
  }));
}

/** Checks the audit chain. */
export function verifyAudit(terminal: Terminal): AuditCheck {
  return storesOf(terminal).audit.verify();
}

const CSV_COLUMNS = ['use_id', 'at', 'service', 'iss', 'sub', 'tier', 'beneficiary', 'ticket', 'companions', 'recorded_at', 'decision_id'];

/** Quotes a CSV field when needed, and defuses spreadsheet formulas. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Companions as one CSV cell, e.g. `spouse=1;child=2` (relations with nobody left out). */
export function companionsText(companions: Companions): string {
  return Object.entries(companions)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([relation, count]) => `${relation}=${count}`)
    .join(';');
}

/** Writes every recorded use as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese right). */
export function writeUsageCsv(terminal: Terminal, write: (chunk: string) => void): number {
  write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  let n = 0;
  for (const u of storesOf(terminal).usage.iterate()) {
    const row = [u.id, formatShanghai(u.atMs), u.service, u.iss, u.sub, u.tier, u.beneficiary, u.ticket ?? '', companionsText(u.companions), formatShanghai(u.realMs), u.decisionId];
    write(`${row.map(csvField).join(',')}\r\n`);
    n += 1;
  }
  return n;
}
