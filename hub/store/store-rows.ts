import { TIERS, type Tier } from '../../shared/rules/rules-schema.js';
import type { StoredCard, StoredTerminal } from './hub-store.js';
import { jwkColumn } from './sqlite/row-parsers.js';

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
});
