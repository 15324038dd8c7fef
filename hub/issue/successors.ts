import type { HubRepos } from '../store/hub-store.js';

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

/** The cards that replaced a card of the bureau's (another issuer's card is never re-issued here). */
export function cardSuccessors(tx: HubRepos, iss: string, sub: string): Promise<string[]> {
  return successorsOf(sub, async (s) => {
    const card = await tx.cards.get(s);
    return card !== undefined && card.iss === iss ? (card.replacedBy ?? undefined) : undefined;
  });
}
