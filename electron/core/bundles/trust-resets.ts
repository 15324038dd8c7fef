import { z } from 'zod';
import { BUREAU_ISS, issuerSchema, type IssuerReset, type TrustedIssuer } from '../../../shared/bundles/bundle-schemas.js';
import type { TerminalStores } from '../terminal-stores.js';

const heldList = z.array(issuerSchema);

/** The trust list held (the last trust file or trust bundle taken), or none. */
export function heldTrustList(stores: TerminalStores): TrustedIssuer[] {
  const body = stores.bundles.get('jinka/trust')?.body;
  if (body === undefined) return [];
  try {
    const parsed = heldList.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * The counter below which a bundle of `iss` is refused whatever this terminal holds: one below
 * the reset's `revocations_from` / `rules_from` in the trust list in force, else 0. Once the
 * terminal has taken a newer list or rules, its held counter is above this and decides alone.
 */
export function resetFloor(stores: TerminalStores, iss: string, field: 'revocations_from' | 'rules_from'): number {
  const from = heldTrustList(stores).find((i) => i.iss === iss)?.reset?.[field];
  return from === undefined ? 0 : from - 1;
}

/**
 * Applies each issuer's reset whose epoch is newer than the one in the list held before (call
 * inside the trust import's transaction): the issuer's revocation sequence is forgotten (its
 * revoked cards stay revoked until its next full list replaces them; a delta no longer applies),
 * and for the bureau the rules bundle in force is dropped, so the built-in rules hold until the
 * bureau's next rules bundle. What a leaked list key had pushed these counters to no longer counts.
 */
export function applyResets(stores: TerminalStores, previous: readonly TrustedIssuer[], next: readonly TrustedIssuer[]): void {
  for (const issuer of next) {
    const reset: IssuerReset | undefined = issuer.reset;
    if (reset === undefined) continue;
    const heldEpoch = previous.find((i) => i.iss === issuer.iss)?.reset?.epoch ?? 0;
    if (reset.epoch <= heldEpoch) continue;
    if (reset.revocations_from !== undefined) stores.revocations.forgetSequence(issuer.iss);
    if (reset.rules_from !== undefined && issuer.iss === BUREAU_ISS) stores.bundles.remove('jinka/rules');
  }
}
