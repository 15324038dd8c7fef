import { GENESIS_HASH } from '../../node/audit/audit-hash.js';
import type { StaffLogView } from '../../shared/console/console-api.js';
import { staffLogHash, type HubRepos, type NewStaffLogEntry, type StoredStaffLogEntry } from '../store/hub-store.js';

/** A run of 15 or more digits (an 18-character resident ID number, a 15-digit old one, a passport-like number). */
const LONG_NUMBER = /\d{15,}[\dXx]?/g;

/**
 * What the staff log may hold of a free text: one line, at most 200 characters, and never an
 * ID number (PIPL: least personal data) — a long run of digits is withheld whatever it is.
 */
export function logSafe(text: string | null): string | null {
  if (text === null) return null;
  const oneLine = text.replace(/[\p{Cc}]/gu, ' ').replace(LONG_NUMBER, '[number withheld]');
  return [...oneLine].slice(0, 200).join('');
}

/** Appends one entry to the staff log through `repos` (the store or a unit's `tx`), its texts made safe first. */
export function logStaffAction(repos: Pick<HubRepos, 'staffLog'>, entry: NewStaffLogEntry): Promise<StoredStaffLogEntry> {
  return repos.staffLog.append({
    ...entry,
    address: logSafe(entry.address) ?? '',
    action: logSafe(entry.action) ?? '',
    target: logSafe(entry.target),
    outcome: logSafe(entry.outcome) ?? '',
  });
}

/** Where the chain first breaks, if it does. */
export type StaffLogCheck = { ok: true; entries: number; head: string } | { ok: false; seq: number; problem: 'GAP' | 'LINK' | 'HASH' };

/** Walks the whole staff log: consecutive sequences from 1, each linked to the one before, each hash recomputed. */
export async function verifyStaffLog(repos: Pick<HubRepos, 'staffLog'>, page = 1000): Promise<StaffLogCheck> {
  let prev = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    const entries = await repos.staffLog.list(expected - 1, page);
    for (const e of entries) {
      if (e.seq !== expected) return { ok: false, seq: expected, problem: 'GAP' };
      if (e.prevHash !== prev) return { ok: false, seq: e.seq, problem: 'LINK' };
      if (staffLogHash(prev, e.seq, e) !== e.hash) return { ok: false, seq: e.seq, problem: 'HASH' };
      prev = e.hash;
      expected += 1;
    }
    if (entries.length < page) return { ok: true, entries: expected - 1, head: prev };
  }
}

/** An entry as the console API shows it. */
export const staffLogView = (e: StoredStaffLogEntry): StaffLogView => ({
  seq: e.seq,
  at: e.atMs,
  staff: e.staffId,
  address: e.address,
  action: e.action,
  target: e.target,
  outcome: e.outcome,
});

/** One CSV field: quoted, and a leading = + - @ (a spreadsheet formula) neutralised with an apostrophe. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The staff log as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the Chinese right), with each entry's hash for checking. */
export function staffLogCsv(entries: StoredStaffLogEntry[]): string {
  const header = ['seq', 'at_utc', 'staff', 'address', 'action', 'target', 'outcome', 'prev_hash', 'hash'];
  const lines = entries.map((e) =>
    [e.seq, new Date(e.atMs).toISOString(), e.staffId, e.address, e.action, e.target, e.outcome, e.prevHash, e.hash].map(csvField).join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
