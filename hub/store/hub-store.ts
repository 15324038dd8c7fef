import type { TrustedIssuer } from '../../shared/bundles/bundle-schemas.js';
import type { Tier } from '../../shared/rules/rules-schema.js';
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
  StoredEntry,
  PendingVoid,
  NewUse,
  UseOrigin,
  UseFeedPage,
  ReportRange,
  UsageRow,
  FlagKind,
  NewFlag,
  StoredFlag,
  FlagResolution,
} from './hub-records.js';
import type { StaffLogRepo, StaffRepo, StaffSessionRepo } from './staff-repos.js';
import type { RosterJobRepo } from './roster-job-repos.js';
import type { TokenIdRepo } from './token-id-repo.js';

/** The records themselves live in hub-records.ts; importers of the port see them here. */
export * from './hub-records.js';
export * from './staff-repos.js';
/** The staff log's keyed hash and sealed head (staff-log-chain.ts). */
export * from './staff-log-chain.js';
export * from './roster-job-repos.js';
export * from './token-id-repo.js';

/**
 * The hub's storage port: plain repositories (they store and read; the bureau's rules live
 * above them, in hub/usage/ and hub/issue/) and a unit of work. Handlers and commands see
 * only this interface, and every method returns a promise, so a server database can be put
 * behind it without touching them. `openSqliteHubStore` is the default; every adapter passes
 * test/hub/store/hub-store-contract.ts.
 *
 * Concurrency. Several hub processes may share one server database, so each method's comment
 * says what it promises when two units run at once. Units are serializable in effect: the
 * outcome is that of some order of whole units (SQLite runs them one at a time on its one
 * connection; a server database may run them concurrently and, on a serialization failure or
 * deadlock, roll back and run `work` again from the start, so `work` must not change state
 * outside the unit it cannot repeat). Where a rule reads and then writes (ingesting a
 * terminal's batch, judging a card's quota), it first takes a lock named here
 * (`terminals.lockForIngest`, `uses.lockCards`), so the rule holds without
 * relying on retries, and retries stay rare. A unit whose rule holds by its locks alone says so
 * (UnitOptions `locks`, the upload ingest): a server database may run it at READ COMMITTED,
 * not serializable, so it is not rolled back over rows other units touched nearby. Locks are
 * held until the unit ends; a lock taken outside a unit is released at once (it only reads).
 */
export interface HubStore extends HubRepos {
  /**
   * Runs `work` as one unit: all its writes or none (a throw rolls them back and is rethrown).
   * Inside, use only `tx`: a call through the store itself is refused. The outcome of units
   * running at once is that of some order of whole units (see Concurrency above): `work` may
   * be run again from the start, so it keeps its state inside.
   */
  transaction<T>(work: (tx: HubRepos) => Promise<T>, options?: UnitOptions): Promise<T>;
  /**
   * Gives the staff log its key (staff-log-chain.ts), derived from the hub secret: Hub.fromStore
   * calls it once the passphrase opened the secret; an append before it is refused.
   */
  keyStaffLog(key: Buffer): void;
  close(): Promise<void>;
}

/**
 * How a unit is isolated. `locks: true` says the unit's rule holds by the locks it takes before
 * it reads (`terminals.lockForIngest`, `uses.lockCards`) and by constraints, not by the
 * database's serializability: a server database may then run it at READ COMMITTED, where each
 * statement sees every unit that committed before it (the one that held the lock before
 * included), and a unit is not rolled back because another one touched nearby rows. The upload
 * ingest (hub/usage/ingest-entries.ts) runs so; why each of its rules still holds is argued there.
 */
export interface UnitOptions {
  locks?: boolean;
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
  readonly pendingVoids: PendingVoidRepo;
  /** The console's staff accounts, sessions and log (staff-repos.ts). */
  readonly staff: StaffRepo;
  readonly staffSessions: StaffSessionRepo;
  readonly staffLog: StaffLogRepo;
  /** Roster imports started from the console (roster-job-repos.ts). */
  readonly rosterJobs: RosterJobRepo;
  /** Request-token ids taken, shared by every hub process (token-id-repo.ts). */
  readonly tokenIds: TokenIdRepo;
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

/**
 * The console's card list filters. Status at `nowSec`: revoked (revoked_ms set), else pending
 * (nbf after now), expired (exp at or before now), valid (the rest). Issued in [issuedFromMs, issuedToMs).
 */
export interface CardFilter {
  nowSec: number;
  tier?: Tier;
  status?: 'valid' | 'pending' | 'expired' | 'revoked';
  issuedFromMs?: number;
  issuedToMs?: number;
  offset: number;
  limit: number;
}

/** Cards, their numbers and their revocation. */
export interface CardRepo {
  /** The next card serial; a serial is handed out once, even if its card is never stored. */
  allocateSerials(count: number): Promise<number>;
  /** Stores issued cards in one step (all or none). */
  insert(cards: StoredCard[]): Promise<void>;
  get(sub: string): Promise<StoredCard | undefined>;
  /** The stored cards among `subs`, in no particular order (one statement: the ingest reads a batch's cards at once). */
  getMany(subs: readonly string[]): Promise<StoredCard[]>;
  /** The holder's card in force (not revoked, not expired at `nowSec`), newest first. */
  currentForHolder(idHmac: string, nowSec: number): Promise<StoredCard | undefined>;
  /**
   * The holders' issue locks (by id_hmac), as `uses.lockCards` works: inside a unit, held until it
   * ends, taken in one order, so two units issuing to one holder run one after the other and the
   * second sees the first's card (hub/issue/card-issuer.ts). SQLite: nothing to do (one unit at a
   * time). A server database: transaction-scoped advisory locks. Behind it, a unique index on
   * (id_hmac, exp) over unrevoked cards.
   */
  lockHolders(idHmacs: readonly string[]): Promise<void>;
  list(options: { limit: number; offset?: number }): Promise<StoredCard[]>;
  count(): Promise<number>;
  /** A page of cards matching the console's filters, newest serial first, and how many match in all. */
  search(filter: CardFilter): Promise<{ cards: StoredCard[]; total: number }>;
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
  /**
   * Notes what the terminal said in its last bundle request, in one statement: the bureau's
   * revocation sequence it holds (`revocationSeq`) and how many audit entries it has not had
   * acknowledged (`pendingUploads`); a figure not given keeps the one stored. Nothing for an
   * unknown id, or when neither is given.
   */
  noteHolding(id: string, said: { revocationSeq?: number; pendingUploads?: number }): Promise<void>;
  /** Notes when the terminal was last heard from; a null offset keeps the last known one. */
  seen(id: string, atMs: number, clockOffsetMs: number | null): Promise<void>;
  /**
   * The terminal's ingest lock: inside a unit of work, answers the terminal as stored now and
   * holds the lock until the unit ends, so two units ingesting for the same terminal run one
   * after the other and the second reads what the first committed (its cursor, its entries).
   * Units for other terminals are not held up. Undefined (nothing locked) for an unknown id.
   * SQLite: a plain read (its writer lock already serialises units). A server database: the
   * terminal's row locked for update.
   */
  lockForIngest(id: string): Promise<StoredTerminal | undefined>;
  /** Sets the highest contiguous audit sequence stored; it only moves forward (a lower value changes nothing). */
  setCursor(id: string, cursor: number): Promise<void>;
}

/**
 * Uploaded audit entries, stored as given: the checks (chain links, conflicts, uses, voids)
 * are hub/usage/ingest-entries.ts, which calls these inside one unit of work holding the
 * terminal's ingest lock.
 */
export interface AuditRepo {
  /** The stored entry (terminal, seq). */
  get(terminalId: string, seq: number): Promise<StoredEntry | undefined>;
  /**
   * Stores an entry once per (terminal, seq): false, and nothing written, when that sequence is
   * stored already. Unique under concurrency: of two units storing the same (terminal, seq),
   * exactly one answers true (a database constraint, not a read before the write).
   */
  insert(terminalId: string, entry: StoredEntry, receivedMs: number): Promise<boolean>;
  /** Records the link check of an entry stored before the entry preceding it arrived. */
  setLink(terminalId: string, seq: number, ok: boolean): Promise<void>;
  /** The stored entries among `seqs` of the terminal, in seq order (one statement). */
  getMany(terminalId: string, seqs: readonly number[]): Promise<StoredEntry[]>;
  /**
   * Stores entries as `insert` does, in one statement; answers how many were stored (a
   * (terminal, seq) already stored is skipped, by the same constraint).
   */
  insertMany(terminalId: string, entries: readonly StoredEntry[], receivedMs: number): Promise<number>;
  /** Records several link checks (as `setLink`) in one statement. */
  setLinks(terminalId: string, links: readonly { seq: number; ok: boolean }[]): Promise<void>;
  /** The highest n ≥ `after` such that entries after+1..n of the terminal are all stored (the cursor the chain reaches). */
  contiguousEnd(terminalId: string, after: number): Promise<number>;
  /** The terminal's stored entries from `fromSeq` on, in seq order, at most `limit`. */
  entries(terminalId: string, fromSeq: number, limit: number): Promise<StoredEntry[]>;
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
  /**
   * Stores a use once (by id); undefined when that id is stored already. Unique under
   * concurrency (a constraint). The new cursor is above every cursor committed before, and
   * cursors become visible in commit order: a feed reader that has seen cursor n never later
   * meets a use below n it has not seen (a server database takes it from a counter row
   * updated in the inserting unit, not from a sequence).
   */
  insert(use: NewUse, origin: UseOrigin): Promise<StoredUse | undefined>;
  /**
   * Stores uses as `insert` does, in one statement, cursors in the order given; answers each
   * stored use, or undefined where that id is stored already (or given twice).
   */
  insertMany(items: readonly { use: NewUse; origin: UseOrigin }[]): Promise<(StoredUse | undefined)[]>;
  /** Which of `ids` are stored (one statement). */
  storedIds(ids: readonly string[]): Promise<string[]>;
  /** Every stored use of a card, refused and carried ones included, in cursor order. */
  ofCard(iss: string, sub: string): Promise<StoredUse[]>;
  /** One use by id. */
  get(id: string): Promise<StoredUse | undefined>;
  /** The carried copies of a use (carried from `id`), voided ones included, in cursor order. */
  copiesOf(id: string): Promise<StoredUse[]>;
  /**
   * Marks a use refused `VOIDED` (over_quota untouched) and moves it to a new cursor, assigned
   * exactly as `insert` assigns one (above every cursor, in commit order), so feed readers
   * asking for voids meet it again; false when the id is unknown.
   */
  markVoided(id: string): Promise<boolean>;
  /**
   * The use locks of several cards (iss, sub; a card need not be stored here: another
   * issuer's), in one statement: inside a unit of work, each held until the unit ends, so two
   * units judging uses of one card against its quota run one after the other and the second
   * counts the first's use (Art. 21, 22: two venues racing over the last free film, exactly one
   * is refused). One call takes its cards in one sorted order, so two units each locking their
   * cards in one call never wait on each other in a circle. A unit may call it again (a card's
   * successors, hub/issue/successors.ts lockCardChains; the upload ingest's next run of uses; a
   * void partway through a batch), and then two units can each hold a card the other wants: a
   * server database detects the deadlock and rolls one unit back and runs it again (PostgreSQL
   * 40P01, hub/store/postgres/pg-unit-of-work.ts; test/hub/store/postgres-concurrency.test.ts).
   * SQLite: nothing to do (one unit at a time). A server database: e.g. transaction-scoped
   * advisory locks on the pairs.
   */
  lockCards(cards: readonly { iss: string; sub: string }[]): Promise<void>;
  /**
   * The counting uses (not refused, so not voided; carried copies included) of the cards, in
   * cursor order: what a quota check reads, for a batch's cards at once (read under their locks,
   * hub/usage/ingest-entries.ts CardHistory).
   */
  countingHistory(cards: readonly { iss: string; sub: string }[]): Promise<CountingUse[]>;
  /** `nearestElsewhere` for several uses in one statement, answers in the order asked. */
  nearestElsewhereMany(qs: readonly { iss: string; sub: string; site: string; atMs: number; windowMs: number; excludeId: string }[]): Promise<(StoredUse | undefined)[]>;
}

/** A counting use as a quota check reads it (UseRepo.countingHistory). */
export interface CountingUse {
  cursor: number;
  id: string;
  iss: string;
  sub: string;
  service: string;
  beneficiary: string;
  atMs: number;
  /** The card's nbf (seconds) the use reported, if any. */
  cardNbf: number | null;
}

/** `void` entries waiting for their use (the void arrived first); the rule is hub/usage/use-voids.ts. */
export interface PendingVoidRepo {
  /** Notes a waiting void; a repeat of (terminal, seq) changes nothing. */
  add(v: PendingVoid): Promise<void>;
  /** The voids waiting for a use, in audit seq order. */
  forUse(useId: string): Promise<PendingVoid[]>;
  /** The voids waiting for any of the uses (one statement), each use's in audit seq order. */
  forUses(useIds: readonly string[]): Promise<PendingVoid[]>;
  /** The terminal's waiting voids at or below `seq`, in seq order. */
  upTo(terminalId: string, seq: number): Promise<PendingVoid[]>;
  remove(terminalId: string, auditSeq: number): Promise<void>;
}

/** Flags for the bureau. */
export interface FlagRepo {
  /** Stores flags in one step; an OVER_QUOTA flag also marks its use as over quota. */
  add(flags: NewFlag[], createdMs: number): Promise<void>;
  /** Newest first; `state` open (not resolved) or resolved (default all); `before` ids below it (the next page). */
  list(options: { limit: number; kind?: FlagKind; state?: 'open' | 'resolved' | 'all'; before?: number }): Promise<StoredFlag[]>;
  counts(): Promise<Record<string, number>>;
  get(id: number): Promise<StoredFlag | undefined>;
  /** Flags nobody resolved, by kind. */
  openCounts(): Promise<Record<string, number>>;
  /** Flags nobody resolved that name a terminal: terminal id → kind → count. */
  openByTerminal(): Promise<Record<string, Record<string, number>>>;
  /**
   * Resolves an open flag with who, when and the note: `unknown` id, `resolved` already. Under
   * concurrency the first resolution stands (a conditional update: at most one caller gets `ok`).
   */
  resolve(id: number, resolution: FlagResolution): Promise<'ok' | 'unknown' | 'resolved'>;
}
