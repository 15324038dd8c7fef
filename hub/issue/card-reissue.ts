import type { CardRefusal, HubStore, RevokeRequest, StoredCard } from '../store/hub-store.js';
import { carryUses } from './carry-over.js';
import { lockCardChains } from './successors.js';

/** A re-issue the store refused, thrown inside the unit of work so everything it wrote rolls back. */
class ReissueRefused extends Error {
  constructor(readonly refusal: CardRefusal, readonly sub: string) {
    super(refusal);
  }
}

/**
 * Re-issue (Art. 34, lost card) in one unit of work: revokes the old card (one sequence bump),
 * stores its successor, links the two and carries the old card's uses over. A refusal leaves
 * nothing: the old card stays in force and no number is taken.
 */
export async function replaceCard(store: HubStore, old: RevokeRequest, successor: StoredCard): Promise<{ ok: true; seq: number } | { ok: false; refusal: CardRefusal; sub: string }> {
  try {
    return await store.transaction(async (tx) => {
      // The old card's use lock, then its successor's (the order every unit takes them in): an upload of the old
      // card's use waits for the re-issue and is then carried, or is stored first and carried here.
      await lockCardChains(tx, [{ iss: old.iss, sub: old.sub }], { linking: { iss: old.iss, sub: successor.sub } });
      const revoked = await tx.cards.revoke([old]);
      if (!revoked.ok) throw new ReissueRefused(revoked.refusal, revoked.sub);
      if ((await tx.cards.get(successor.sub)) !== undefined) throw new ReissueRefused('DUPLICATE_NUMBER', successor.sub);
      await tx.cards.insert([{ ...successor, replaces: old.sub }]);
      await tx.cards.link(old.sub, successor.sub);
      await carryUses(tx, old.iss, old.sub, successor.sub);
      return { ok: true as const, seq: revoked.seq };
    });
  } catch (error) {
    if (error instanceof ReissueRefused) return { ok: false, refusal: error.refusal, sub: error.sub };
    throw error;
  }
}
