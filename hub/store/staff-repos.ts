import type { StaffRole } from '../../shared/console/console-api.js';

/**
 * The bureau console's repositories (README "The bureau's console"). Each method's promise
 * about concurrency is written on it: several hub processes may share one database, so an
 * adapter keeps these promises across connections (SQLite: one write transaction per call;
 * a server database: one transaction at SERIALIZABLE, or row locks as noted).
 */

/** A staff account as stored. `totpSealed` and `totpPendingSealed` are encrypted (hub/console/totp-seal.ts). */
export interface StoredStaff {
  id: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  createdMs: number;
  disabledMs: number | null;
  totpSealed: string | null;
  totpPendingSealed: string | null;
  /** The last TOTP time step accepted (0: none); a code of this step or an earlier one is refused. */
  totpLastStep: number;
}

/** Failed sign-in attempts of one typed id (known or not). */
export interface AttemptLimits {
  nowMs: number;
  maxFailures: number;
  lockMs: number;
}
/** Where an id stands after a reservation or a settlement. */
export type AttemptState = { locked: true; lockedUntilMs: number } | { locked: false; failedAttempts: number };

export interface StaffRepo {
  /** Adds an account; false when the id is taken (atomic: of two adds of one id exactly one wins). */
  add(staff: Omit<StoredStaff, 'disabledMs' | 'totpSealed' | 'totpPendingSealed' | 'totpLastStep'>): Promise<boolean>;
  get(id: string): Promise<StoredStaff | undefined>;
  list(): Promise<StoredStaff[]>;
  /** Accounts not disabled with role admin (read; a caller that must keep one admin checks it in the same transaction as its change). */
  activeAdmins(): Promise<number>;
  /** Replaces the password hash and lifts the id's lockout; false for an unknown id. */
  setPassword(id: string, passwordHash: string): Promise<boolean>;
  setRole(id: string, role: StaffRole): Promise<boolean>;
  /** Disables (a time) or enables (null) an account; false for an unknown id. */
  setDisabled(id: string, disabledMs: number | null): Promise<boolean>;
  /** Stores a TOTP secret awaiting confirmation (replacing any earlier pending one). */
  setTotpPending(id: string, sealed: string | null): Promise<boolean>;
  /** Makes the pending secret the account's TOTP secret, with `step` as used; false when none is pending. */
  confirmTotp(id: string, step: number): Promise<boolean>;
  /** Removes the account's TOTP secret (an admin's reset). */
  clearTotp(id: string): Promise<boolean>;
  /**
   * Accepts TOTP time step `step` once: true and stored when `step` is above the last one
   * accepted, else false. Atomic compare-and-set: of two parallel calls with one step exactly
   * one gets true (a server database: `UPDATE … SET last = $step WHERE id = $id AND last < $step`).
   */
  useTotpStep(id: string, step: number): Promise<boolean>;
  /**
   * Counts one sign-in attempt for `id` (as typed, known or not) BEFORE its password is hashed.
   * Atomic read-modify-write: parallel reservations, from any process, each see the ones
   * before, so no more than `maxFailures` attempts are ever in flight or failed between
   * lockouts (a server database: one statement or `SELECT … FOR UPDATE`). A locked id answers
   * locked; an id whose tries are all taken is locked now. Forgets rows idle for a day.
   */
  reserveAttempt(id: string, limits: AttemptLimits): Promise<AttemptState>;
  /** A reserved attempt failed (counted already): the `maxFailures`-th locks `id` for `lockMs`. Atomic as `reserveAttempt`. */
  settleFailure(id: string, limits: AttemptLimits): Promise<AttemptState>;
  /** A reserved attempt succeeded: unless a parallel one locked `id` meanwhile (answered), the count starts again. Atomic. */
  settleSuccess(id: string, limits: AttemptLimits): Promise<AttemptState>;
  /** Forgets the failed attempts of `id` and lifts its lock (`jinka-hub staff unlock`); false when there were none. */
  unlock(id: string): Promise<boolean>;
  /** When `id` is locked until (0: open), for the staff list. */
  lockedUntil(id: string, nowMs: number): Promise<number>;
}

/** A console session; the token itself is never stored, only its SHA-256. */
export interface StoredStaffSession {
  tokenHash: string;
  staffId: string;
  createdMs: number;
  lastSeenMs: number;
  /** Idle timeout and absolute end, fixed when the session is made. */
  idleMs: number;
  expiresMs: number;
  csrfToken: string;
  address: string;
  /** True while the account must enrol TOTP before anything else. */
  restricted: boolean;
}

export interface StaffSessionRepo {
  create(session: StoredStaffSession): Promise<void>;
  /**
   * The live session of `tokenHash` at `nowMs` (not idle longer than its idle timeout, not past
   * its end), its last-seen time moved to `nowMs` when older than `touchEveryMs`; a dead
   * session is deleted and undefined answered. Atomic per row (a session ended in another
   * process is never answered live after its end committed).
   */
  touch(tokenHash: string, nowMs: number, touchEveryMs: number): Promise<StoredStaffSession | undefined>;
  /** Ends one session; false when there was none. */
  end(tokenHash: string): Promise<boolean>;
  /** Ends every session of an account (password reset, role change, disable); how many ended. */
  endAllOf(staffId: string): Promise<number>;
  /** Lifts the TOTP restriction of one session (its account just enrolled). */
  unrestrict(tokenHash: string): Promise<boolean>;
  /** Deletes sessions dead at `nowMs`; how many. */
  prune(nowMs: number): Promise<number>;
}

/** One entry of the staff log, as appended (no ID number ever: targets are staff ids, card numbers, terminal ids). */
export interface NewStaffLogEntry {
  atMs: number;
  /** Who acted (null: nobody signed in, e.g. a refused sign-in of an unknown id). */
  staffId: string | null;
  address: string;
  action: string;
  target: string | null;
  outcome: string;
}
export interface StoredStaffLogEntry extends NewStaffLogEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface StaffLogRepo {
  /**
   * Appends one entry at the next sequence, linked to the previous one by the keyed hash
   * (staff-log-chain.ts), and in the same transaction replaces the sealed head in meta
   * (`STAFF_LOG_HEAD_KEY`). Serialised: parallel appends from any process form one chain with no
   * gap and no fork (a server database: lock the log's head row or the table for the append).
   * Refused while the store has no key (HubStore.keyStaffLog).
   */
  append(entry: NewStaffLogEntry): Promise<StoredStaffLogEntry>;
  /** Entries with a sequence above `afterSeq`, in sequence order. */
  list(afterSeq: number, limit: number): Promise<StoredStaffLogEntry[]>;
  count(): Promise<number>;
}

