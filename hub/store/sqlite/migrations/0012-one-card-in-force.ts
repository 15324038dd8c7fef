/**
 * One unrevoked card per holder and validity end (Art. 31: one gold card per holder): the guard
 * behind the issue lock (CardRepo.lockHolders). Expiry depends on the clock and cannot be in an
 * index, so exp is part of the key: a new card after the old one expired ends later than it. A
 * revoked or replaced card (re-issue revokes it before storing the successor) keeps its id_hmac
 * and leaves the index.
 */
export const migration0012 = `
CREATE UNIQUE INDEX cards_one_in_force ON cards(id_hmac, exp) WHERE revoked_ms IS NULL;
`;
