import type { PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import type { Tier } from '../../shared/rules/rules-schema.js';
import type { UseEntryBody } from '../../shared/sync/use-entry-body.js';
import type { AuditEntry } from '../../shared/sync/sync-protocol.js';
import { FLAG_KIND_VALUES } from '../../shared/console/flag-kinds.js';

/** The records the hub keeps, as its storage port (hub-store.ts) passes them. */

/** One of the bureau's signing keys; the private half stays sealed. */
export interface StoredKey {
  kid: string;
  iss: string;
  publicJwk: PublicJwk;
  sealedPrivate: string;
  createdMs: number;
  current: boolean;
  /** exp (seconds) of the last card signed with it: the key stays in the trust list until then. */
  lastCardExp: number;
  retiredMs: number | null;
  /** §5 key usage: a `trust` key signs only trust bundles; `signing` keys sign cards and lists. */
  role: KeyRole;
  /** When the bureau declared the key leaked: it signs nothing and is published nowhere from then on. */
  compromisedMs: number | null;
}

/** What a bureau key is for. */
export type KeyRole = 'signing' | 'trust';

/** A card as the hub keeps it: the least personal data the bureau's work needs. */
export interface StoredCard {
  sub: string;
  serial: number;
  iss: string;
  kid: string;
  tier: Tier;
  cat: number;
  maskedName: string;
  idt: string;
  /** HMAC-SHA256 of the ID number under the hub secret, never the number itself. */
  idHmac: string;
  iat: number;
  nbf: number;
  exp: number;
  token: string;
  issuedMs: number;
  replaces: string | null;
  replacedBy: string | null;
  revokedMs: number | null;
  revokeReason: string | null;
}

/** A revocation as requested by the bureau (Art. 34). */
export interface RevokeRequest {
  iss: string;
  sub: string;
  reason: string;
  atMs: number;
}

/** Why a card operation was refused. */
export type CardRefusal = 'UNKNOWN_CARD' | 'ALREADY_REVOKED' | 'DUPLICATE_NUMBER';

/** One entry of a revocation list. */
export interface RevocationEntry {
  sub: string;
  seq: number;
  at: number;
  reason: string;
}

/** The revocation sequence of an issuer. */
export interface RevocationHead {
  iss: string;
  seq: number;
  bumpedMs: number;
}

/** A signed versioned bundle (rules, trust). */
export interface VersionedBundle {
  typ: 'jinka/rules' | 'jinka/trust';
  version: number;
  body: string;
  jws: string;
  createdMs: number;
}

/** A revocation bundle of another issuer, kept verbatim. */
export interface RelayedBundle {
  iss: string;
  seq: number;
  base: number;
  jws: string;
}

/** An enrolled terminal. */
export interface StoredTerminal {
  id: string;
  site: string;
  service: string;
  publicJwk: PublicJwk;
  enrolledMs: number;
  disabledMs: number | null;
  disabledReason: string | null;
  lastSeenMs: number | null;
  clockOffsetMs: number | null;
  /** Highest contiguous audit sequence stored. */
  cursor: number;
  /** The bureau's revocation sequence it said it holds at its last bundle request (null: not said yet). */
  revocationSeqHeld?: number | null;
  /** Audit entries it said it held that the hub had not acknowledged, at its last bundle request (null: not said yet). */
  pendingUploads?: number | null;
}

/** An enrolment code as stored (hashed). */
export interface EnrolCode {
  codeHash: string;
  site: string;
  service: string;
  createdMs: number;
  expiresMs: number;
}

/** The `service` to enrol with when the terminal named none: the code's service, whatever it is (no service id has a `*`). */
export const SERVICE_OF_CODE = '*';

/** Why an enrolment was refused. */
export type EnrolRefusal = 'UNKNOWN_CODE' | 'CODE_USED' | 'CODE_EXPIRED' | 'WRONG_PLACE' | 'TERMINAL_EXISTS';

/** A use taken from an uploaded 'use' audit entry. */
export interface NewUse extends UseEntryBody {
  companionsTotal: number;
}

/** A use as stored: `cursor` orders uses for the quota feed. */
export interface StoredUse extends NewUse {
  cursor: number;
  terminalId: string | null;
  auditSeq: number | null;
  site: string;
  receivedMs: number;
  carriedFrom: string | null;
  overQuota: boolean;
  /** Why the hub refused the use (kept for the bureau, counted nowhere); null when it counts. */
  refused: UseRefusal | null;
}

/** Where a stored use came from. */
export interface UseOrigin {
  terminalId: string | null;
  auditSeq: number | null;
  site: string;
  receivedMs: number;
  /** The first use's id, for a copy carried to a successor card (hub/issue/carry-over.ts). */
  carriedFrom: string | null;
  /** Why the hub refused it (null: it counts). */
  refused: UseRefusal | null;
}

/**
 * Why the hub refuses an uploaded use: a service the terminal is not enrolled for, a card the
 * hub does not know, revoked (Art. 34) or not valid at the use's time, a tier not entitled to
 * the service (Art. 31), or a quota already filled by earlier uses (Art. 21, 22). `VOIDED` is no
 * refusal of the hub's: the recording terminal took the use back with a `void` entry (a gate that
 * never opened), so it counts nowhere either (hub/usage/use-voids.ts).
 */
export const USE_REFUSALS = ['NOT_ENROLLED_SERVICE', 'UNKNOWN_CARD', 'REVOKED', 'NOT_VALID', 'NOT_ENTITLED', 'OVER_QUOTA', 'VOIDED'] as const;
/** One reason a use was refused. */
export type UseRefusal = (typeof USE_REFUSALS)[number];

/** A refusal with the words the bureau reads. */
export interface UseVerdict {
  refusal: UseRefusal;
  detail: string;
}

/** An audit entry as stored: the uploaded columns and what the hub's checks found. */
export interface StoredEntry extends AuditEntry {
  /** The entry's own hash matches its content. */
  hashOk: boolean;
  /** Its prev_hash matches the stored entry before it; null while that entry is not stored. */
  linkOk: boolean | null;
}

/** A `void` entry (gate mode) stored before the use it takes back arrived. */
export interface PendingVoid {
  terminalId: string;
  auditSeq: number;
  useId: string;
}

/** An uploaded entry after the hub's own checks. */
export interface CheckedEntry extends AuditEntry {
  hashOk: boolean;
  /** The use in a 'use' entry whose body parsed. */
  use?: NewUse;
  /** Why a 'use' entry's body could not be read. */
  useProblem?: string;
}

/** What storing a batch did. */
export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  cursor: number;
  /** Uses stored by this batch (not repeats), in cursor order, carried copies included. */
  uses: StoredUse[];
  /** Flags raised while storing (chain breaks, conflicting repeats, repeated use ids). */
  flags: NewFlag[];
  /** The terminal's cursor before this batch, as read under its ingest lock. */
  heldCursor: number;
}

/** A page of the quota feed. */
export interface UseFeedPage {
  uses: StoredUse[];
  cursor: number;
  more: boolean;
}

/** Filter of the bureau's reports. */
export interface ReportRange {
  fromMs?: number;
  toMs?: number;
}

/** One row of the usage report: uses of a service by a tier at a site on a Shanghai day. */
export interface UsageRow {
  day: string;
  site: string;
  service: string;
  tier: string;
  uses: number;
  companions: number;
}

/** Kinds of flags for the bureau. */
export const FLAG_KINDS = FLAG_KIND_VALUES;
/** One kind of flag. */
export type FlagKind = (typeof FLAG_KINDS)[number];

/** A flag to raise. */
export interface NewFlag {
  kind: FlagKind;
  terminalId: string | null;
  iss?: string | null;
  sub?: string | null;
  useId?: string | null;
  auditSeq?: number | null;
  atMs?: number | null;
  detail: string;
}

/** A flag as stored. */
export interface StoredFlag extends NewFlag {
  id: number;
  createdMs: number;
  /** When staff resolved it, who, and their note (null: open). */
  resolvedMs?: number | null;
  resolvedBy?: string | null;
  resolutionNote?: string | null;
}

/** Staff resolving a flag from the console. */
export interface FlagResolution {
  staffId: string;
  note: string;
  atMs: number;
}
