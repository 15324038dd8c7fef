/**
 * Read-only views of the hub's stored audit entries, uses and flags, as they are on disk (no
 * normalising), for `jinka-hub audit verify` (hub/audit/). Synchronous and iterable: a
 * verification walks every row once and must not hold a large hub in memory.
 */
import type { StoredUse } from './hub-records.js';

/** An uploaded audit entry as stored, with what the hub found when it arrived. */
export interface IntegrityEntry {
  terminalId: string;
  seq: number;
  atMs: number;
  kind: string;
  body: string;
  prevHash: string;
  hash: string;
  /** The entry's own hash checked when it arrived. */
  hashOkAtUpload: boolean;
  /** Its link checked when both ends were there (null: the one before has not arrived). */
  linkOkAtUpload: boolean | null;
}

/**
 * A row of the uses table, its columns unchanged: the fields of a stored use (one list, in
 * hub-records.ts), with companions, the over-quota mark and the refusal as they are on disk.
 */
export type IntegrityUse = Omit<StoredUse, 'companions' | 'overQuota' | 'refused' | 'operator' | 'nbf' | 'exp'> & {
  companions: string;
  overQuota: number;
  refused: string | null;
};

/** A flag as far as the checks need it. */
export interface IntegrityFlag {
  kind: string;
  terminalId: string | null;
  useId: string | null;
  auditSeq: number | null;
  detail: string;
}

/** The reads a verification makes. */
export interface IntegrityRepo {
  /** SQLite's quick_check: undefined when every page is sound, else its first complaint. */
  quickCheck(): string | undefined;
  /** Enrolled terminals with their acknowledged cursors. */
  terminals(): { id: string; site: string; cursor: number }[];
  /** Every terminal id that has stored entries. */
  entryTerminals(): string[];
  /** A terminal's stored entries, by sequence. */
  entries(terminalId: string): Iterable<IntegrityEntry>;
  entryAt(terminalId: string, seq: number): IntegrityEntry | undefined;
  /** Every use row, by cursor. */
  uses(): Iterable<IntegrityUse>;
  useById(id: string): IntegrityUse | undefined;
  /** Flags of these kinds. */
  flags(kinds: readonly string[]): Iterable<IntegrityFlag>;
  /** The card that replaced this one (Art. 34 re-issue), if any. */
  replacedBy(iss: string, sub: string): string | undefined;
  /** Runs `work` on one consistent snapshot (a read transaction), so a hub that keeps taking uploads can be checked. */
  snapshot<T>(work: () => T): T;
}
