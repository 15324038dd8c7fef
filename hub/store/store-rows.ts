import { TIERS, type Tier } from '../../shared/rules/rules-schema.js';
import { FLAG_KINDS, USE_REFUSALS, type FlagKind, type StoredCard, type StoredFlag, type StoredKey, type StoredStaff, type StoredStaffLogEntry, type StoredStaffSession, type StoredTerminal, type StoredUse, type UseRefusal } from './hub-store.js';
import { staffRoleSchema } from '../../shared/console/console-api.js';
import { companionsColumn, jwkColumn } from './sqlite/row-parsers.js';

/**
 * The hub's rows as both adapters read them (snake_case columns, numbers already numbers),
 * and the one mapping of each to its record. An adapter whose driver answers a column in
 * another type converts it before calling these.
 */

/** A row of `cards`. */
export interface CardRow {
  sub: string;
  serial: number;
  iss: string;
  kid: string;
  tier: string;
  cat: number;
  masked_name: string;
  idt: string;
  id_hmac: string;
  iat: number;
  nbf: number;
  exp: number;
  token: string;
  issued_ms: number;
  replaces: string | null;
  replaced_by: string | null;
  revoked_ms: number | null;
  revoke_reason: string | null;
}

const asTier = (tier: string): Tier => {
  if (!(TIERS as readonly string[]).includes(tier)) throw new Error(`card row with tier ${tier}`);
  return tier as Tier;
};

export const cardFromRow = (r: CardRow): StoredCard => ({
  sub: r.sub,
  serial: r.serial,
  iss: r.iss,
  kid: r.kid,
  tier: asTier(r.tier),
  cat: r.cat,
  maskedName: r.masked_name,
  idt: r.idt,
  idHmac: r.id_hmac,
  iat: r.iat,
  nbf: r.nbf,
  exp: r.exp,
  token: r.token,
  issuedMs: r.issued_ms,
  replaces: r.replaces,
  replacedBy: r.replaced_by,
  revokedMs: r.revoked_ms,
  revokeReason: r.revoke_reason,
});

/** A row of `terminals`. */
export interface TerminalRow {
  id: string;
  site: string;
  service: string;
  public_jwk: string;
  enrolled_ms: number;
  disabled_ms: number | null;
  disabled_reason: string | null;
  last_seen_ms: number | null;
  clock_offset_ms: number | null;
  cursor: number;
  revocation_seq_held: number | null;
  pending_uploads: number | null;
}

/** A row of `enrol_codes`. */
export interface EnrolCodeRow {
  code_hash: string;
  site: string;
  service: string;
  expires_ms: number;
  used_ms: number | null;
  terminal_id: string | null;
}

export const terminalFromRow = (r: TerminalRow): StoredTerminal => ({
  id: r.id,
  site: r.site,
  service: r.service,
  publicJwk: jwkColumn(r.public_jwk),
  enrolledMs: r.enrolled_ms,
  disabledMs: r.disabled_ms,
  disabledReason: r.disabled_reason,
  lastSeenMs: r.last_seen_ms,
  clockOffsetMs: r.clock_offset_ms,
  cursor: r.cursor,
  revocationSeqHeld: r.revocation_seq_held,
  pendingUploads: r.pending_uploads,
});

/** A row of `uses` (`over_quota` a boolean: SQLite's 0/1 is turned into one first). */
export interface UseRow {
  cursor: number;
  id: string;
  terminal_id: string | null;
  audit_seq: number | null;
  site: string;
  decision_id: string;
  iss: string;
  sub: string;
  tier: string;
  service: string;
  beneficiary: string;
  at_ms: number;
  real_ms: number;
  received_ms: number;
  companions: string;
  companions_total: number;
  ticket: string | null;
  carried_from: string | null;
  over_quota: boolean;
  refused: string | null;
}

const asRefusal = (refused: string | null): UseRefusal | null => {
  if (refused === null) return null;
  // A reason this hub does not know (a newer hub wrote it) still keeps the use out of every count.
  return (USE_REFUSALS as readonly string[]).includes(refused) ? (refused as UseRefusal) : 'NOT_ENTITLED';
};

export const useFromRow = (r: UseRow): StoredUse => ({
  cursor: r.cursor,
  id: r.id,
  terminalId: r.terminal_id,
  auditSeq: r.audit_seq,
  site: r.site,
  decisionId: r.decision_id,
  iss: r.iss,
  sub: r.sub,
  tier: r.tier,
  service: r.service,
  beneficiary: r.beneficiary,
  atMs: r.at_ms,
  realMs: r.real_ms,
  receivedMs: r.received_ms,
  companions: companionsColumn(r.companions),
  companionsTotal: r.companions_total,
  ticket: r.ticket,
  carriedFrom: r.carried_from,
  overQuota: r.over_quota,
  refused: asRefusal(r.refused),
});

/** A row of `flags`. */
export interface FlagRow {
  id: number;
  kind: string;
  terminal_id: string | null;
  iss: string | null;
  sub: string | null;
  use_id: string | null;
  audit_seq: number | null;
  at_ms: number | null;
  created_ms: number;
  detail: string;
  resolved_ms: number | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

const asKind = (kind: string): FlagKind => {
  if (!(FLAG_KINDS as readonly string[]).includes(kind)) throw new Error(`flag row with kind ${kind}`);
  return kind as FlagKind;
};

export const flagFromRow = (r: FlagRow): StoredFlag => ({
  id: r.id,
  kind: asKind(r.kind),
  terminalId: r.terminal_id,
  iss: r.iss,
  sub: r.sub,
  useId: r.use_id,
  auditSeq: r.audit_seq,
  atMs: r.at_ms,
  createdMs: r.created_ms,
  detail: r.detail,
  resolvedMs: r.resolved_ms,
  resolvedBy: r.resolved_by,
  resolutionNote: r.resolution_note,
});

/** A row of `signing_keys` (`is_current` a boolean: SQLite's 0/1 is turned into one first). */
export interface KeyRow {
  kid: string;
  iss: string;
  public_jwk: string;
  sealed_private: string;
  created_ms: number;
  is_current: boolean;
  last_card_exp: number;
  retired_ms: number | null;
  role: string;
  compromised_ms: number | null;
}

export const keyFromRow = (r: KeyRow): StoredKey => ({
  kid: r.kid,
  iss: r.iss,
  publicJwk: jwkColumn(r.public_jwk),
  sealedPrivate: r.sealed_private,
  createdMs: r.created_ms,
  current: r.is_current,
  lastCardExp: r.last_card_exp,
  retiredMs: r.retired_ms,
  role: r.role === 'trust' ? 'trust' : 'signing',
  compromisedMs: r.compromised_ms,
});

/** A row of `staff`. */
export interface StaffRow {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  created_ms: number;
  disabled_ms: number | null;
  totp_sealed: string | null;
  totp_pending_sealed: string | null;
  totp_last_step: number;
}

export const staffFromRow = (r: StaffRow): StoredStaff => ({
  id: r.id,
  name: r.name,
  role: staffRoleSchema.parse(r.role),
  passwordHash: r.password_hash,
  createdMs: r.created_ms,
  disabledMs: r.disabled_ms,
  totpSealed: r.totp_sealed,
  totpPendingSealed: r.totp_pending_sealed,
  totpLastStep: r.totp_last_step,
});

/** A row of `staff_sessions` (`restricted` a boolean: SQLite's 0/1 is turned into one first). */
export interface StaffSessionRow {
  token_hash: string;
  staff_id: string;
  created_ms: number;
  last_seen_ms: number;
  idle_ms: number;
  expires_ms: number;
  csrf_token: string;
  address: string;
  restricted: boolean;
}

export const staffSessionFromRow = (r: StaffSessionRow): StoredStaffSession => ({
  tokenHash: r.token_hash,
  staffId: r.staff_id,
  createdMs: r.created_ms,
  lastSeenMs: r.last_seen_ms,
  idleMs: r.idle_ms,
  expiresMs: r.expires_ms,
  csrfToken: r.csrf_token,
  address: r.address,
  restricted: r.restricted,
});

/** A row of `staff_log`. */
export interface StaffLogRow {
  seq: number;
  at_ms: number;
  staff_id: string | null;
  address: string;
  action: string;
  target: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

export const staffLogFromRow = (r: StaffLogRow): StoredStaffLogEntry => ({
  seq: r.seq,
  atMs: r.at_ms,
  staffId: r.staff_id,
  address: r.address,
  action: r.action,
  target: r.target,
  outcome: r.outcome,
  prevHash: r.prev_hash,
  hash: r.hash,
});
