import { GENESIS_HASH } from '../../node/audit/audit-hash.js';
import type { StaffLogView } from '../../shared/console/console-api.js';
import { withholdLongNumbers } from '../../shared/privacy/long-numbers.js';
import type { Hub } from '../hub.js';
import {
  openStaffLogHead,
  STAFF_LOG_HEAD_KEY,
  STAFF_LOG_KEY_LABEL,
  staffLogHash,
  type HubRepos,
  type NewStaffLogEntry,
  type StoredStaffLogEntry,
} from '../store/hub-store.js';

/**
 * What the staff log may hold of a free text: one line, at most 200 characters, and never an
 * ID number (PIPL: least personal data) — a long run of digits is withheld whatever it is.
 */
export function logSafe(text: string | null): string | null {
  if (text === null) return null;
  // Control characters become spaces (one line); invisible format characters (zero-width, bidi) go.
  const oneLine = withholdLongNumbers(text.replace(/[\p{Cc}]/gu, ' ').replace(/[\p{Cf}]/gu, ''));
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

/** An entry the check has already found good: a later check starts from it. */
export interface VerifiedHead {
  seq: number;
  hash: string;
}

/**
 * Where the chain first breaks, if it does: a missing sequence (GAP), a wrong link (LINK), a hash
 * made without the key (HASH), or a head in meta that is missing, forged, not matched by the
 * table's entry, or that records an earlier mismatch (HEAD: the newest entries deleted or replaced).
 */
export type StaffLogCheck = { ok: true; entries: number; head: VerifiedHead } | { ok: false; seq: number; problem: 'GAP' | 'LINK' | 'HASH' | 'HEAD' };

/**
 * Checks the staff log: each entry's keyed hash (the key derived from the hub secret), links and
 * consecutive sequences, and the sealed head kept in meta against the table. With `from` (an
 * entry an earlier check found good, still holding the same hash), only the entries after it are
 * read. The head is read first, so an append meanwhile only adds entries after it.
 */
export async function verifyStaffLog(hub: Pick<Hub, 'store' | 'derivedKey'>, from?: VerifiedHead, page = 1000): Promise<StaffLogCheck> {
  const key = hub.derivedKey(STAFF_LOG_KEY_LABEL);
  const headText = await hub.store.meta.get(STAFF_LOG_HEAD_KEY);
  const head = openStaffLogHead(key, headText);
  if (headText !== undefined && head === undefined) return { ok: false, seq: 0, problem: 'HEAD' };
  if (head !== undefined && head.brokenAt > 0) return { ok: false, seq: head.brokenAt, problem: 'HEAD' };
  let prev = GENESIS_HASH;
  let expected = 1;
  if (from !== undefined) {
    const still = (await hub.store.staffLog.list(from.seq - 1, 1))[0];
    if (still?.seq !== from.seq) return { ok: false, seq: from.seq, problem: 'HEAD' };
    if (still.hash !== from.hash) return { ok: false, seq: from.seq, problem: 'HASH' };
    if (head !== undefined && head.seq < from.seq) return { ok: false, seq: head.seq, problem: 'HEAD' };
    prev = from.hash;
    expected = from.seq + 1;
  }
  let headFound = head === undefined || (from !== undefined && head.seq === from.seq && head.hash === from.hash);
  for (;;) {
    const entries = await hub.store.staffLog.list(expected - 1, page);
    for (const e of entries) {
      if (e.seq !== expected) return { ok: false, seq: expected, problem: 'GAP' };
      if (e.prevHash !== prev) return { ok: false, seq: e.seq, problem: 'LINK' };
      if (staffLogHash(key, prev, e.seq, e) !== e.hash) return { ok: false, seq: e.seq, problem: 'HASH' };
      if (head !== undefined && e.seq === head.seq) {
        if (e.hash !== head.hash) return { ok: false, seq: e.seq, problem: 'HEAD' };
        headFound = true;
      }
      prev = e.hash;
      expected += 1;
    }
    if (entries.length < page) break;
  }
  const count = expected - 1;
  if (!headFound || (head === undefined && count > 0)) return { ok: false, seq: count, problem: 'HEAD' };
  return { ok: true, entries: count, head: { seq: count, hash: prev } };
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

/** The CSV's first line: a byte-order mark (so a spreadsheet reads the Chinese right) and the column names. */
export const STAFF_LOG_CSV_HEADER = `\uFEFF${['seq', 'at_utc', 'staff', 'address', 'action', 'target', 'outcome', 'prev_hash', 'hash'].join(',')}\r\n`;

/** One entry as a CSV line, with its hash for checking. */
export function staffLogCsvLine(e: StoredStaffLogEntry): string {
  return `${[e.seq, new Date(e.atMs).toISOString(), e.staffId, e.address, e.action, e.target, e.outcome, e.prevHash, e.hash].map(csvField).join(',')}\r\n`;
}

/** The staff log as CSV (UTF-8 with a byte-order mark), with each entry's hash for checking. */
export function staffLogCsv(entries: StoredStaffLogEntry[]): string {
  return STAFF_LOG_CSV_HEADER + entries.map(staffLogCsvLine).join('');
}
