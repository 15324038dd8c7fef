import { z } from 'zod';
import type { Hub } from '../hub.js';
import { relayedChain, revocationBundleFor, revocationHeartbeat, type RevocationCache } from './revocation-bundles.js';
import { refreshTrust } from './versioned-bundles.js';

const heldNumber = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const issuerSeq = z.string().regex(/^[A-Za-z0-9._-]{1,64}:\d{1,16}$/, 'revocations: iss:seq pairs separated by commas');

/** GET /v1/bundles query: `revocations=lc-hrss:5,sd-hrss:2&rules=3&trust=1`; anything missing is held at 0, unknown parameters are ignored. */
export const bundlesQuerySchema = z
  .object({
    revocations: z.union([z.string().max(4000), z.array(z.string().max(4000)).max(50)]).optional(),
    rules: heldNumber.optional(),
    trust: heldNumber.optional(),
  })
  .transform((q, ctx) => {
    const revocations = new Map<string, number>();
    const parts = [q.revocations ?? []].flat().flatMap((v) => v.split(',')).map((p) => p.trim()).filter((p) => p !== '');
    for (const part of parts) {
      if (!issuerSeq.safeParse(part).success) {
        ctx.addIssue({ code: 'custom', message: `revocations: "${part}" is not iss:seq` });
        return z.NEVER;
      }
      const at = part.lastIndexOf(':');
      revocations.set(part.slice(0, at), Number(part.slice(at + 1)));
    }
    return { revocations, rules: q.rules ?? 0, trust: q.trust ?? 0 };
  });
/** What a terminal holds. */
export type HeldVersions = z.output<typeof bundlesQuerySchema>;

/**
 * The signed bundles that bring a terminal from what it holds to what the hub publishes,
 * in the order to import them: trust first (a rotated key must be trusted before the
 * bundles it signs), then rules, then revocation lists.
 */
export async function bundlesSince(hub: Hub, held: HeldVersions, cache?: RevocationCache): Promise<string[]> {
  // The four reads are asked at once: each is a statement, on a server database a round trip, so
  // an idle round waits for about one of them, not four in a row. Their order in the answer stays.
  const [trust, rules, own, relayed] = await Promise.all([
    // Trust: every version after the held one, oldest first, each signed by a trust key of the
    // version before (§5: a terminal takes version held + 1 only). The hub's trust file names its
    // version, so a terminal provisioned from it asks from there.
    hub.store.bundles.after('jinka/trust', held.trust),
    rulesSince(hub, held.rules),
    revocationBundleFor(hub, held.revocations.get(hub.settings.iss) ?? 0, cache),
    relayedSince(hub, held),
  ]);
  return [...trust.map((b) => b.jws), ...rules, ...(own === undefined ? [] : [own]), ...relayed];
}

/**
 * The rules bundle when the terminal's version differs: versions first (cheap), the body only
 * then, as most rounds find nothing new. A terminal ahead of the hub took rules the hub never
 * published (a leaked key): it gets the hub's, which it takes once a trust version's reset (same
 * answer) has dropped those.
 */
async function rulesSince(hub: Hub, heldRules: number): Promise<string[]> {
  const rulesVersion = (await hub.store.bundles.latestVersion('jinka/rules')) ?? 0;
  if (rulesVersion === 0 || rulesVersion === heldRules) return [];
  const rules = await hub.store.bundles.latest('jinka/rules');
  return rules === undefined ? [] : [rules.jws];
}

/** Other issuers' relayed lists the terminal does not hold yet, issuer by issuer. */
async function relayedSince(hub: Hub, held: HeldVersions): Promise<string[]> {
  const out: string[] = [];
  for (const { iss, seq } of await hub.store.bundles.relayedHeads()) {
    const heldSeq = held.revocations.get(iss) ?? 0;
    if (iss === hub.settings.iss || seq === heldSeq) continue;
    out.push(...relayedChain(await hub.store.bundles.relayed(iss), heldSeq));
  }
  return out;
}

/** Keeps what the hub publishes fresh: a new trust version when keys changed, a revocation heartbeat when the list is a day old. */
export async function freshenBundles(hub: Hub): Promise<void> {
  await refreshTrust(hub);
  await revocationHeartbeat(hub);
}
