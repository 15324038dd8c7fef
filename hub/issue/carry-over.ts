import { createHash } from 'node:crypto';
import type { HubRepos, NewUse, StoredUse, UseOrigin } from '../store/hub-store.js';

/** The id of a carried copy, from the first use's id and the successor card, so carrying twice is a no-op; short enough for the quota feed. */
export const carriedId = (rootId: string, sub: string): string => `c-${createHash('sha256').update(`${rootId}@${sub}`).digest('hex').slice(0, 40)}`;

/**
 * Re-issue (Art. 34): a use of the old card is repeated under its successor, so quotas count
 * the holder's uses across the re-issue (a lost card is no way to a fresh cinema quota). The
 * copy has no terminal, keeps the first use's id in `carriedFrom`, and a copy of a refused use
 * is refused too: it never counts under the new number either.
 */
export function carriedCopy(use: StoredUse, toSub: string): { use: NewUse; origin: UseOrigin } {
  const root = use.carriedFrom ?? use.id;
  return {
    use: { ...use, id: carriedId(root, toSub), sub: toSub },
    origin: { terminalId: null, auditSeq: null, site: use.site, receivedMs: use.receivedMs, carriedFrom: root, refused: use.refused },
  };
}

/** Carries every use of the old card to its successor (inside the re-issue's unit of work); answers the copies stored. */
export async function carryUses(tx: HubRepos, iss: string, fromSub: string, toSub: string): Promise<StoredUse[]> {
  const carried: StoredUse[] = [];
  for (const use of await tx.uses.ofCard(iss, fromSub)) {
    const copy = carriedCopy(use, toSub);
    const stored = await tx.uses.insert(copy.use, copy.origin);
    if (stored !== undefined) carried.push(stored);
  }
  return carried;
}
