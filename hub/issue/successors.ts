import type { HubRepos, StoredCard } from '../store/hub-store.js';

/** A chain of re-issues longer than this is cut (it cannot happen: each re-issue revokes its card). */
export const MAX_SUCCESSORS = 100;

/**
 * The walk down "replaced by" (Art. 34 re-issue): yields each card to look up and receives the
 * card that replaced it; returns the successors in order, newest last. One home for the walk,
 * driven by a lookup that awaits (`successorsOf`) or not (`successorsOfSync`, the integrity check).
 */
function* walk(sub: string): Generator<string, string[], string | undefined> {
  const chain: string[] = [];
  let next = yield sub;
  while (next !== undefined && next !== sub && chain.length < MAX_SUCCESSORS && !chain.includes(next)) {
    chain.push(next);
    next = yield next;
  }
  return chain;
}

/** The cards that replaced `sub`, in order (empty when none). */
export async function successorsOf(sub: string, replacedBy: (sub: string) => Promise<string | undefined>): Promise<string[]> {
  const steps = walk(sub);
  let step = steps.next();
  while (step.done !== true) step = steps.next(await replacedBy(step.value));
  return step.value;
}

/** The same walk with a lookup that answers at once. */
export function successorsOfSync(sub: string, replacedBy: (sub: string) => string | undefined): string[] {
  const steps = walk(sub);
  let step = steps.next();
  while (step.done !== true) step = steps.next(replacedBy(step.value));
  return step.value;
}

/** A card as its use lock names it. */
export interface CardRef {
  iss: string;
  sub: string;
}

/** The card key of the use locks: (iss, sub) as one string. */
export const cardKey = (iss: string, sub: string): string => JSON.stringify([iss, sub]);

/**
 * Reads the cards not in `read` yet (one statement), into it: undefined for a card not stored.
 * `read` is the caller's, so a unit reads each card once.
 */
export async function readCardsInto(tx: HubRepos, read: Map<string, StoredCard | undefined>, subs: readonly string[]): Promise<void> {
  const fresh = [...new Set(subs)].filter((s) => !read.has(s));
  if (fresh.length === 0) return;
  for (const sub of fresh) read.set(sub, undefined);
  for (const card of await tx.cards.getMany(fresh)) read.set(card.sub, card);
}

/** Reads down "replaced by" from `subs`, one statement per level, the cards not in `read` yet. */
async function readDown(tx: HubRepos, read: Map<string, StoredCard | undefined>, subs: readonly string[]): Promise<void> {
  let level = [...new Set(subs)];
  for (let depth = 0; level.length > 0 && depth <= MAX_SUCCESSORS; depth += 1) {
    await readCardsInto(tx, read, level);
    level = level.flatMap((s) => {
      const next = read.get(s)?.replacedBy;
      return next !== undefined && next !== null && !read.has(next) ? [next] : [];
    });
  }
}

/**
 * Lock a card, then its successors (Art. 34): the order every unit takes card use locks in (the
 * upload ingest, a void, a re-issue), predecessor before successor. The cards in one sorted
 * statement (`uses.lockCards`); then the walk down "replaced by", one statement per level (a
 * locked card's successor cannot change: a re-issue holds its lock); then the successors in one
 * more statement, with `linking`, the successor a re-issue of the one card is about to link,
 * last. The successors were read before they were locked, so a re-issue of the newest one may
 * have committed in between: it is read again under its lock (where it can change no more),
 * and a successor found so is walked and locked the same way, until no chain grows. Cards
 * `held` answers for are locked already in this unit and not again; `read` is the caller's
 * cache of the cards read (filled here, and refreshed by the second read). Answers each card's
 * successors, newest last, in the order of `cards`.
 *
 * Not deadlock-free: a unit may call this again (the ingest locks its cards run by run, a void
 * locks its card partway through a batch), so two units can each hold a card the other wants.
 * A server database detects that (PostgreSQL 40P01) and rolls one unit back and runs it again
 * (hub/store/postgres/pg-unit-of-work.ts; test/hub/store/postgres-concurrency.test.ts).
 */
export async function lockCardChains(
  tx: HubRepos,
  cards: readonly CardRef[],
  options: { read?: Map<string, StoredCard | undefined>; held?: (iss: string, sub: string) => boolean; linking?: CardRef } = {},
): Promise<string[][]> {
  const read = options.read ?? new Map<string, StoredCard | undefined>();
  const held = options.held ?? (() => false);
  await tx.uses.lockCards(cards.filter((c) => !held(c.iss, c.sub)));
  const locking = new Set(cards.map((c) => cardKey(c.iss, c.sub)));
  let linking = options.linking;
  let from = cards.map((c) => c.sub);
  let chains: string[][] = [];
  for (let round = 0; round <= MAX_SUCCESSORS; round += 1) {
    await readDown(tx, read, from);
    chains = cards.map(({ iss, sub }) =>
      successorsOfSync(sub, (s) => {
        const card = read.get(s);
        return card !== undefined && card.iss === iss ? (card.replacedBy ?? undefined) : undefined;
      }),
    );
    const next: CardRef[] = [];
    const after = (ref: CardRef): void => {
      const key = cardKey(ref.iss, ref.sub);
      if (locking.has(key) || held(ref.iss, ref.sub)) return;
      locking.add(key);
      next.push(ref);
    };
    cards.forEach(({ iss }, i) => {
      for (const sub of chains[i] ?? []) after({ iss, sub });
    });
    if (linking !== undefined) after(linking);
    linking = undefined;
    await tx.uses.lockCards(next);
    // The newest successor of each chain, locked just now after it was read: read again.
    const fresh = new Set(next.map((c) => cardKey(c.iss, c.sub)));
    const tails = [
      ...new Set(
        cards.flatMap(({ iss }, i) => {
          const last = chains[i]?.at(-1);
          return last !== undefined && fresh.has(cardKey(iss, last)) ? [last] : [];
        }),
      ),
    ];
    if (tails.length === 0) break;
    const grown = (await tx.cards.getMany(tails)).filter((card) => {
      const before = read.get(card.sub)?.replacedBy ?? null;
      read.set(card.sub, card);
      return card.replacedBy !== null && card.replacedBy !== before;
    });
    if (grown.length === 0) break;
    from = grown.map((c) => c.sub);
  }
  return chains;
}
