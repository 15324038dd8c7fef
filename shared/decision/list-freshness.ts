/**
 * §6 LISTS_STALE, in one place: how old each trusted issuer's revocation list is, and
 * whether it is stale. An issuer the terminal trusts but holds no list for is stale (it
 * cannot tell a revoked card of that issuer, Art. 34), and the freshness of all lists
 * together is that of the oldest one — a missing list counts as older than any list.
 * The decision, the status bar, `jinka status` and `jinka sync status` all read this.
 */

/** One issuer's revocation list as the terminal holds it. */
export interface HeldList {
  iss: string;
  seq: number;
  /** The list's `iat`, UTC ms. */
  iatMs: number;
}

/** How fresh one held list is at a given instant. */
export interface ListAge {
  iss: string;
  seq: number;
  /** Hours since the list was issued; 0 when the clock is behind its `iat` (CLOCK_SUSPECT says the rest). */
  ageHours: number;
  stale: boolean;
}

/** The freshness of every trusted issuer's list. */
export interface ListsFreshness {
  /** The held lists, each with its age. */
  lists: ListAge[];
  /** Trusted issuers without any list (each one makes the lists stale). */
  missing: string[];
  /** Issuers whose list is missing or older than the site's limit, missing first. */
  staleIssuers: string[];
  /** True when any trusted issuer's list is missing or stale. */
  stale: boolean;
  /** The oldest held list, or null; `missing` comes before it when not empty. */
  oldest: ListAge | null;
}

const HOUR_MS = 3_600_000;

/**
 * True when an issuer's list issued at `iatMs` (undefined: none held) is stale at `atMs`
 * for a site that allows lists `listStaleHours` old: missing, or strictly older than that.
 */
export function listIsStale(iatMs: number | undefined, atMs: number, listStaleHours: number): boolean {
  return iatMs === undefined || atMs - iatMs > listStaleHours * HOUR_MS;
}

/** The age of one held list at `atMs`. */
export function listAge(list: HeldList, atMs: number, listStaleHours: number): ListAge {
  return { iss: list.iss, seq: list.seq, ageHours: Math.max(0, (atMs - list.iatMs) / HOUR_MS), stale: listIsStale(list.iatMs, atMs, listStaleHours) };
}

/** The freshness of the lists of `trustedIssuers` held as `held`, at `atMs`. */
export function listsFreshness(trustedIssuers: readonly string[], held: readonly HeldList[], atMs: number, listStaleHours: number): ListsFreshness {
  const lists = held.map((l) => listAge(l, atMs, listStaleHours));
  const missing = trustedIssuers.filter((iss) => !held.some((l) => l.iss === iss));
  const staleIssuers = [...missing, ...lists.filter((l) => l.stale).map((l) => l.iss)];
  const oldest = lists.reduce<ListAge | null>((old, l) => (old === null || l.ageHours > old.ageHours ? l : old), null);
  return { lists, missing, staleIssuers, stale: staleIssuers.length > 0, oldest };
}
