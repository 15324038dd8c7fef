import type { TrustedIssuer } from '../../shared/bundles/bundle-schemas.js';
import type { AuditEntry } from '../../shared/sync/sync-protocol.js';
import type {
  StoredKey,
  StoredCard,
  RevokeRequest,
  CardRefusal,
  RevocationEntry,
  RevocationHead,
  VersionedBundle,
  RelayedBundle,
  StoredTerminal,
  EnrolCode,
  EnrolRefusal,
  StoredUse,
  NewUse,
  UseOrigin,
  CheckedEntry,
  IngestOutcome,
  UseJudge,
  UseFeedPage,
  ReportRange,
  UsageRow,
  FlagKind,
  NewFlag,
  StoredFlag,
} from './hub-records.js';
import type { StaffLogRepo, StaffRepo, StaffSessionRepo } from './staff-repos.js';

/** The records themselves live in hub-records.ts; importers of the port see them here. */
export * from './hub-records.js';
export * from './staff-repos.js';

/**
 * The hub's storage port: plain repositories (they store and read; the bureau's rules live
 * above them, in hub/usage/ and hub/issue/) and a unit of work. Handlers and commands see
 * only this interface, and every method returns a promise, so a server database can be put
 * behind it without touching them. `openSqliteHubStore` is the default; every adapter passes
 * test/hub/store/hub-store-contract.ts.
 */
export interface HubStore extends HubRepos {
  /**
   * Runs `work` as one unit: all its writes or none (a throw rolls them back and is rethrown).
   * Inside, use only `tx`: a call through the store itself is refused. Two units never
   * interleave their reads and writes.
   */
  transaction<T>(work: (tx: HubRepos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The repositories, as the store and a unit of work (`tx`) hand them out. */
export interface HubRepos {
  readonly meta: MetaRepo;
  readonly keys: KeyRepo;
  readonly issuers: ForeignIssuerRepo;
  readonly cards: CardRepo;
  readonly revocations: RevocationRepo;
  readonly bundles: BundleRepo;
  readonly terminals: TerminalRepo;
  readonly audit: AuditRepo;
  readonly uses: UseRepo;
  readonly flags: FlagRepo;
  /** The console's staff accounts, sessions and log (staff-repos.ts). */
  readonly staff: StaffRepo;
  readonly staffSessions: StaffSessionRepo;
  readonly staffLog: StaffLogRepo;
}

/** Small settings of the hub (card-number prefix, sealed hub secret). */
export interface MetaRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** The bureau's keys. */
export interface KeyRepo {
  list(): Promise<StoredKey[]>;
  /** Adds a key and makes it the current one (rotation keeps the others). */
  addCurrent(key: Omit<StoredKey, 'current' | 'lastCardExp' | 'retiredMs' | 'role' | 'compromisedMs'>): Promise<void>;
  /** Adds a trust key (§5 usage `trust`); the trust keys before it are retired in the same step. */
  addTrustKey(key: Omit<StoredKey, 'current' | 'lastCardExp' | 'retiredMs' | 'role' | 'compromisedMs'>): Promise<void>;
  retire(kid: string, atMs: number): Promise<boolean>;
  /** Marks a key leaked: retired, no longer current, never to sign again; false when unknown or already marked. */
  markCompromised(kid: string, atMs: number): Promise<boolean>;
}

/** Issuers the hub only publishes public keys for. */
export interface ForeignIssuerRepo {
  list(): Promise<TrustedIssuer[]>;
  /** Adds or replaces an issuer's keys; `registeredMs` is kept from the first put (the earliest its cards' uses count from). */
  put(issuer: TrustedIssuer, registeredMs?: number): Promise<void>;
  /** When each issuer was first registered here (issuers registered before this was kept are absent). */
  registered(): Promise<Map<string, number>>;
}

/** Cards, their numbers and their revocation. */
export interface CardRepo {
  /** The next card serial; a serial is handed out once, even if its card is never stored. */
  allocateSerials(count: number): Promise<number>;
  /** Stores issued cards in one step (all or none). */
  insert(cards: StoredCard[]): Promise<void>;
  get(sub: string): Promise<StoredCard | undefined>;
  /** The holder's card in force (not revoked, not expired at `nowSec`), newest first. */
  currentForHolder(idHmac: string, nowSec: number): Promise<StoredCard | undefined>;
  list(options: { limit: number; offset?: number }): Promise<StoredCard[]>;
  count(): Promise<number>;
  /** Revokes cards in one step and one sequence bump; returns the new sequence. */
  revoke(requests: RevokeRequest[]): Promise<{ ok: true; seq: number } | { ok: false; refusal: CardRefusal; sub: string }>;
  /** Notes that `sub` was replaced by `successorSub` (re-issue, hub/issue/card-reissue.ts). */
  link(sub: string, successorSub: string): Promise<void>;
}

/** Revocation lists by sequence (§5). */
export interface RevocationRepo {
  head(iss: string): Promise<RevocationHead | undefined>;
  /** Starts an issuer's list at sequence 1 (empty) when it has none. */
  start(iss: string, atMs: number): Promise<RevocationHead>;
  /** Entries with a sequence above `seq` (0: the full list), in sequence order. */
  since(iss: string, seq: number): Promise<RevocationEntry[]>;
  /** Bumps the sequence with no new entry when the last bump is older than `olderThanMs` (a heartbeat, so `iat` stays fresh). */
  heartbeat(iss: string, olderThanMs: number, nowMs: number): Promise<RevocationHead | undefined>;
  /** When a sequence was made (undefined when unknown). */
  createdAt(iss: string, seq: number): Promise<number | undefined>;
}

/** Signed versioned bundles and relayed ones. */
export interface BundleRepo {
  latest(typ: VersionedBundle['typ']): Promise<VersionedBundle | undefined>;
  /** The newest version number alone (cheap: the hub checks it on every request). */
  latestVersion(typ: VersionedBundle['typ']): Promise<number | undefined>;
  after(typ: VersionedBundle['typ'], version: number): Promise<VersionedBundle[]>;
  /** Stores a new version; refused (false) when that version exists. */
  put(bundle: VersionedBundle): Promise<boolean>;
  putRelayed(bundle: RelayedBundle): Promise<void>;
  /** The newest relayed sequence of each issuer. */
  relayedHeads(): Promise<{ iss: string; seq: number }[]>;
  relayed(iss: string): Promise<RelayedBundle[]>;
}

/** Terminals and their enrolment codes. */
export interface TerminalRepo {
  addCode(code: EnrolCode): Promise<void>;
  /** Uses a code once and registers the terminal under the code's site and service, in one step; a request for another service is refused. */
  enrol(codeHash: string, terminal: Omit<StoredTerminal, 'disabledMs' | 'disabledReason' | 'lastSeenMs' | 'clockOffsetMs' | 'cursor'>): Promise<{ ok: true } | { ok: false; refusal: EnrolRefusal; detail: string }>;
  get(id: string): Promise<StoredTerminal | undefined>;
  list(): Promise<StoredTerminal[]>;
  disable(id: string, reason: string, atMs: number): Promise<boolean>;
  seen(id: string, atMs: number, clockOffsetMs: number | null): Promise<void>;
}

/** Uploaded audit entries. */
export interface AuditRepo {
  /**
   * Stores each (terminal, seq) once, checks chain links against what is stored, extracts
   * uses, and notes the terminal as seen (with its clock offset when known); one step.
   * `judge` decides each new use against the uses stored before it in the same step, so a
   * refused use is never counted or fed, not even for a moment; it is stored with its reason
   * and flagged (OVER_QUOTA, else INVALID_USE).
   */
  ingest(terminal: StoredTerminal, entries: CheckedEntry[], receivedMs: number, clockOffsetMs: number | null, judge?: UseJudge): Promise<IngestOutcome>;
  entries(terminalId: string, fromSeq: number, limit: number): Promise<(AuditEntry & { hashOk: boolean; linkOk: boolean | null })[]>;
}

/** Uses as the hub knows them. */
export interface UseRepo {
  /** The earliest counting use of the card at another site within `windowMs` of `atMs` (carried copies excluded); one indexed look-up per site of the card. */
  nearestElsewhere(q: { iss: string; sub: string; site: string; atMs: number; windowMs: number; excludeId: string }): Promise<StoredUse | undefined>;
  /**
   * Counting (not refused) uses of the given services after `afterCursor` not recorded by `excludeTerminal`;
   * with `voided`, also the uses voided since (refused `VOIDED`, each at the cursor it took when voided).
   */
  feed(q: { afterCursor: number; excludeTerminal: string; services: string[]; limit: number; voided?: boolean }): Promise<UseFeedPage>;
  /** Report rows and companions count uses that count: neither carried copies nor refused uses. */
  usageRows(range: ReportRange): Promise<UsageRow[]>;
  companionsByRelation(range: ReportRange): Promise<Record<string, number>>;
  /** Uses their terminal voided (gate mode), stamped in the range; carried copies excluded. */
  voidedCount(range: ReportRange): Promise<number>;
  /** Every use terminals uploaded, refused ones included (carried copies excluded). */
  count(): Promise<number>;
  /** Stores a use once (by id); undefined when that id is stored already. */
  insert(use: NewUse, origin: UseOrigin): Promise<StoredUse | undefined>;
  /** Every stored use of a card, refused and carried ones included, in cursor order. */
  ofCard(iss: string, sub: string): Promise<StoredUse[]>;
}

/** Flags for the bureau. */
export interface FlagRepo {
  /** Stores flags in one step; an OVER_QUOTA flag also marks its use as over quota. */
  add(flags: NewFlag[], createdMs: number): Promise<void>;
  list(options: { limit: number; kind?: FlagKind }): Promise<StoredFlag[]>;
  counts(): Promise<Record<string, number>>;
}
