import { auditHash, GENESIS_HASH } from '../../node/audit/audit-hash.js';
import type { IntegrityEntry, IntegrityRepo, IntegrityUse } from '../store/integrity-repo.js';
import { openHubDatabase } from '../store/sqlite/hub-database.js';
import { sqliteIntegrityRepo } from '../store/sqlite/sqlite-integrity-repo.js';
import { carriedId } from '../issue/carry-over.js';
import { successorsOfSync } from '../issue/successors.js';
import { readUseBody } from '../usage/use-body.js';
import { readVoidBody } from '../usage/void-body.js';
import { carriedDifference, firstDifference } from './use-fields.js';

/**
 * What makes the hub's data untrustworthy (exit 1):
 * `damaged` SQLite's quick_check; `terminal-unknown` entries of a terminal that is not enrolled;
 * `hash` a stored entry no longer matches its hash; `prev_hash` a broken link; `missing` entries
 * gone at or below the cursor the hub acknowledged; `use-missing` a use entry with no use row;
 * `use-differs` a row that differs from its entry; `use-unaudited` a row no entry accounts for;
 * `use-refusal` a refused marker that disagrees with the refusal flags (a `VOIDED` one: with no
 * `void` entry of the use's terminal after it); `void-unapplied` such a void entry while its use
 * still counts; `carry-missing` / `carry-differs` the copies of a re-issued card's uses (Art. 34).
 */
export const HUB_AUDIT_PROBLEMS = [
  'damaged',
  'terminal-unknown',
  'hash',
  'prev_hash',
  'missing',
  'use-missing',
  'use-differs',
  'use-unaudited',
  'use-refusal',
  'void-unapplied',
  'carry-missing',
  'carry-differs',
] as const;
/** One kind of damage. */
export type HubAuditProblemKind = (typeof HUB_AUDIT_PROBLEMS)[number];

/**
 * What is not damage but worth knowing: `pending` entries above the acknowledged cursor the
 * terminal has not uploaded yet; `broken-at-upload` a chain that arrived broken (flagged
 * CHAIN_BREAK then); `redacted` a use entry stored without the ID number an old terminal put in it
 * (its hash cannot be re-checked, flagged BAD_USE then); `conflict` / `duplicate` a use taken from
 * a second version of an entry, or an entry whose use was already stored (flagged CONFLICT,
 * DUPLICATE_USE then).
 */
export const HUB_AUDIT_NOTES = ['pending', 'broken-at-upload', 'redacted', 'conflict', 'duplicate'] as const;
/** One kind of note. */
export type HubAuditNoteKind = (typeof HUB_AUDIT_NOTES)[number];

/** One finding: where (terminal and entry, or use), and what. `to` ends a range of entries. */
export interface HubAuditFinding<K extends string = string> {
  kind: K;
  terminal?: string;
  seq?: number;
  to?: number;
  useId?: string;
  /** The first field that differs. */
  field?: string;
  detail?: string;
}

/** The outcome of `jinka-hub audit verify`. */
export interface HubAuditReport {
  ok: boolean;
  terminals: number;
  entries: number;
  uses: number;
  /** How many of each kind were found (the lists keep the first FINDINGS_KEPT of each). */
  counts: Partial<Record<HubAuditProblemKind | HubAuditNoteKind, number>>;
  problems: HubAuditFinding<HubAuditProblemKind>[];
  notes: HubAuditFinding<HubAuditNoteKind>[];
}

/** Findings of one kind listed in full; beyond this only counted (a wiped table must not make a gigabyte of JSON). */
export const FINDINGS_KEPT = 1000;

const key = (terminal: string | null, seq: number | null) => `${terminal ?? ''}#${seq ?? ''}`;

/** Flags the checks lean on, loaded once: which entries were flagged at upload, and which uses refused. */
function loadFlags(repo: IntegrityRepo) {
  const atEntry = new Map<string, Set<string>>();
  const refusals = new Map<string, Set<string>>();
  for (const f of repo.flags(['CHAIN_BREAK', 'BAD_USE', 'CONFLICT', 'DUPLICATE_USE', 'OVER_QUOTA', 'INVALID_USE'])) {
    if (f.kind === 'OVER_QUOTA' || f.kind === 'INVALID_USE') {
      if (f.useId === null) continue;
      // INVALID_USE's detail starts with the refusal code (hub/store/sqlite/sqlite-audit-repo.ts).
      const reason = f.kind === 'OVER_QUOTA' ? 'OVER_QUOTA' : (f.detail.split(':')[0] ?? '');
      refusals.set(f.useId, (refusals.get(f.useId) ?? new Set()).add(reason));
    } else {
      const k = key(f.terminalId, f.auditSeq);
      atEntry.set(k, (atEntry.get(k) ?? new Set()).add(f.kind));
    }
  }
  return { flagged: (kind: string, terminal: string | null, seq: number | null) => atEntry.get(key(terminal, seq))?.has(kind) === true, refusals };
}

/** Collects findings, counting all and keeping the first FINDINGS_KEPT of each kind. */
function collector() {
  const counts: HubAuditReport['counts'] = {};
  const problems: HubAuditFinding<HubAuditProblemKind>[] = [];
  const notes: HubAuditFinding<HubAuditNoteKind>[] = [];
  const add = <K extends HubAuditProblemKind | HubAuditNoteKind>(list: HubAuditFinding<K>[], f: HubAuditFinding<K>) => {
    const n = (counts[f.kind] ?? 0) + 1;
    counts[f.kind] = n;
    if (n <= FINDINGS_KEPT) list.push(f);
  };
  return {
    counts,
    problems,
    notes,
    problem: (f: HubAuditFinding<HubAuditProblemKind>) => add(problems, f),
    note: (f: HubAuditFinding<HubAuditNoteKind>) => add(notes, f),
  };
}

type Findings = ReturnType<typeof collector>;
type Flags = ReturnType<typeof loadFlags>;
/** The intact `void` entries (gate mode) by the use they take back: terminal and seq of each. */
type Voids = Map<string, { terminal: string; seq: number }[]>;

/** The cards that replaced this one, in order (Art. 34), as the ingest step carries uses to them. */
const successors = (repo: IntegrityRepo, iss: string, sub: string): string[] => successorsOfSync(sub, (s) => repo.replacedBy(iss, s));

const beneficiaryOf = (body: string): unknown => {
  try {
    return (JSON.parse(body) as { beneficiary?: unknown }).beneficiary;
  } catch {
    return undefined;
  }
};

/** A use entry against the row taken from it (entries → rows). */
function checkUseEntry(repo: IntegrityRepo, entry: IntegrityEntry, site: string | undefined, flags: Flags, out: Findings): void {
  const read = readUseBody(entry.body);
  // A body the hub could not read was flagged BAD_USE when it came, and never made a row.
  if (!('use' in read)) return;
  const at = { terminal: entry.terminalId, seq: entry.seq, useId: read.use.id };
  const row = repo.useById(read.use.id);
  if (row === undefined) return out.problem({ kind: 'use-missing', ...at });
  if (row.terminalId !== entry.terminalId || row.auditSeq !== entry.seq) {
    if (flags.flagged('DUPLICATE_USE', entry.terminalId, entry.seq)) return out.note({ kind: 'duplicate', ...at });
    return out.problem({ kind: 'use-differs', ...at, field: row.terminalId !== entry.terminalId ? 'terminalId' : 'auditSeq' });
  }
  const field = firstDifference(read.use, row, site);
  if (field !== undefined) out.problem({ kind: 'use-differs', ...at, field });
}

/**
 * One terminal's stored entries: each re-hashed, each linked to the one before, gaps at or
 * below the acknowledged cursor reported as missing and those above as pending, and each use
 * entry matched with its row.
 */
function checkTerminal(repo: IntegrityRepo, terminalId: string, site: string | undefined, cursor: number, flags: Flags, out: Findings, voids: Voids): number {
  let expected = 1;
  let prev: { seq: number; hash: string } | undefined;
  let count = 0;
  const gap = (from: number, to: number) => {
    if (from <= cursor) out.problem({ kind: 'missing', terminal: terminalId, seq: from, to: Math.min(to, cursor) });
    if (to > cursor) out.note({ kind: 'pending', terminal: terminalId, seq: Math.max(from, cursor + 1), to });
  };
  for (const entry of repo.entries(terminalId)) {
    count += 1;
    if (entry.seq > expected) gap(expected, entry.seq - 1);
    const at = { terminal: terminalId, seq: entry.seq };
    let redacted = false;
    const intact = auditHash(entry.prevHash, entry.seq, entry.atMs, entry.kind, entry.body) === entry.hash;
    const voided = entry.kind === 'void' && intact ? readVoidBody(entry.body) : undefined;
    if (voided !== undefined) voids.set(voided, [...(voids.get(voided) ?? []), { terminal: terminalId, seq: entry.seq }]);
    if (!intact) {
      if (!entry.hashOkAtUpload && flags.flagged('CHAIN_BREAK', terminalId, entry.seq)) out.note({ kind: 'broken-at-upload', ...at });
      else if (entry.kind === 'use' && beneficiaryOf(entry.body) === '' && flags.flagged('BAD_USE', terminalId, entry.seq)) {
        redacted = true;
        out.note({ kind: 'redacted', ...at });
      } else out.problem({ kind: 'hash', ...at });
    }
    const before = entry.seq === 1 ? GENESIS_HASH : prev?.seq === entry.seq - 1 ? prev.hash : undefined;
    if (before !== undefined && before !== entry.prevHash) {
      if (entry.linkOkAtUpload === false && flags.flagged('CHAIN_BREAK', terminalId, entry.seq)) out.note({ kind: 'broken-at-upload', ...at });
      else out.problem({ kind: 'prev_hash', ...at });
    }
    if (entry.kind === 'use' && !redacted) checkUseEntry(repo, entry, site, flags, out);
    prev = { seq: entry.seq, hash: entry.hash };
    expected = entry.seq + 1;
  }
  if (cursor >= expected) gap(expected, cursor);
  return count;
}

/** A use row against where it came from (rows → entries), its refused marker, and its carried copies. */
function checkUseRow(repo: IntegrityRepo, row: IntegrityUse, flags: Flags, out: Findings, voids: Voids): void {
  const at = { ...(row.terminalId === null ? {} : { terminal: row.terminalId }), ...(row.auditSeq === null ? {} : { seq: row.auditSeq }), useId: row.id };
  if (row.carriedFrom !== null) {
    const root = repo.useById(row.carriedFrom);
    if (root === undefined || root.carriedFrom !== null) return out.problem({ kind: 'carry-differs', ...at, field: 'carriedFrom', detail: 'the use it repeats is not stored' });
    if (!successors(repo, root.iss, root.sub).includes(row.sub) || row.id !== carriedId(root.id, row.sub)) {
      return out.problem({ kind: 'carry-differs', ...at, field: 'sub', detail: 'not a card that replaced the card of the use it repeats' });
    }
    const field = carriedDifference(root, row);
    if (field !== undefined) out.problem({ kind: 'carry-differs', ...at, field });
    return;
  }
  const entry = row.terminalId === null || row.auditSeq === null ? undefined : repo.entryAt(row.terminalId, row.auditSeq);
  if (entry === undefined) out.problem({ kind: 'use-unaudited', ...at });
  else {
    const read = entry.kind === 'use' ? readUseBody(entry.body) : undefined;
    if (read === undefined || !('use' in read) || read.use.id !== row.id) {
      if (flags.flagged('CONFLICT', row.terminalId, row.auditSeq)) out.note({ kind: 'conflict', ...at });
      else out.problem({ kind: 'use-unaudited', ...at });
    }
  }
  // Voided (gate mode) only by a void entry of the terminal that recorded it, after it (hub/usage/use-voids.ts).
  const voidEntry = (voids.get(row.id) ?? []).find((v) => v.terminal === row.terminalId && row.auditSeq !== null && v.seq > row.auditSeq);
  if (row.refused === 'VOIDED' && voidEntry === undefined) out.problem({ kind: 'use-refusal', ...at, field: 'refused', detail: 'voided, but no void entry of its terminal takes it back' });
  if (row.refused === null && voidEntry !== undefined) out.problem({ kind: 'void-unapplied', ...at, seq: voidEntry.seq, detail: `counted, but voided by entry ${voidEntry.seq}` });
  // Marking a counted use refused takes it out of every quota: the refusal must be the one flagged when it came.
  const flagged = flags.refusals.get(row.id);
  if (row.refused === 'VOIDED') {
    // Checked against its void entry above; no refusal flag is raised for it.
  } else if ((row.overQuota === 1) !== (row.refused === 'OVER_QUOTA')) out.problem({ kind: 'use-refusal', ...at, field: 'overQuota' });
  else if (row.refused === null ? flagged !== undefined : flagged?.has(row.refused) !== true) {
    out.problem({ kind: 'use-refusal', ...at, field: 'refused', detail: row.refused === null ? 'counted, but flagged as refused' : `refused ${row.refused}, never flagged so` });
  }
  for (const sub of successors(repo, row.iss, row.sub)) {
    if (repo.useById(carriedId(row.id, sub)) === undefined) out.problem({ kind: 'carry-missing', ...at, detail: `not carried to ${sub}` });
  }
}

const sqliteCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * Checks what the hub's reports, its quota feed and its OVER_QUOTA counting read: SQLite's
 * quick_check; every terminal's stored entries re-hashed and linked, with gaps told apart from
 * entries still pending; every use row against the `use` entry it came from, both ways; refused
 * markers against their flags; carried copies against the uses they repeat. Reads one snapshot
 * and writes nothing.
 */
export function verifyHubAudit(repo: IntegrityRepo): HubAuditReport {
  const out = collector();
  const report = (terminals: number, entries: number, uses: number): HubAuditReport => ({
    ok: out.problems.length === 0,
    terminals,
    entries,
    uses,
    counts: out.counts,
    problems: out.problems,
    notes: out.notes,
  });
  const damage = repo.quickCheck();
  if (damage !== undefined) {
    out.problem({ kind: 'damaged', detail: damage });
    return report(0, 0, 0);
  }
  try {
    return repo.snapshot(() => {
      const flags = loadFlags(repo);
      const voids: Voids = new Map();
      const enrolled = repo.terminals();
      const known = new Map(enrolled.map((t) => [t.id, t]));
      let entries = 0;
      for (const t of enrolled) entries += checkTerminal(repo, t.id, t.site, t.cursor, flags, out, voids);
      for (const id of repo.entryTerminals()) {
        if (known.has(id)) continue;
        out.problem({ kind: 'terminal-unknown', terminal: id });
        entries += checkTerminal(repo, id, undefined, 0, flags, out, voids);
      }
      let uses = 0;
      for (const row of repo.uses()) {
        uses += 1;
        checkUseRow(repo, row, flags, out, voids);
      }
      return report(enrolled.length, entries, uses);
    });
  } catch (error) {
    // A page quick_check passed but a read could not: damage all the same.
    if (!sqliteCode(error).startsWith('SQLITE_CORRUPT')) throw error;
    out.problem({ kind: 'damaged', detail: error instanceof Error ? error.message : String(error) });
    return report(0, 0, 0);
  }
}

/** Verifies the hub database in `dataDir`, opened read-only (a write-protected backup can be audited). */
export function verifyHubFolder(dataDir: string): HubAuditReport {
  const db = openHubDatabase(dataDir, { readOnly: true });
  try {
    return verifyHubAudit(sqliteIntegrityRepo(db));
  } finally {
    db.close();
  }
}
