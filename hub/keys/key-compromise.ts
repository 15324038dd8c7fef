import type { IssuerReset } from '../../shared/bundles/bundle-schemas.js';
import { rulesSchema } from '../../shared/rules/rules-schema.js';
import type { Hub } from '../hub.js';
import { currentReset, publishRules, refreshTrust, RESET_META_KEY } from '../publish/versioned-bundles.js';
import { createIssuerKey, trustKeyOf } from './key-ring.js';

/** Far enough back that the revocation heartbeat bumps the sequence whatever its last bump. */
const FORCE_BUMP_MS = -366 * 86_400_000;

/** What declaring a key leaked did. */
export interface CompromiseOutcome {
  kid: string;
  /** The new current key, when the leaked key was the current one. */
  newKid: string | undefined;
  reset: IssuerReset;
  trustVersion: number;
}

/**
 * Declares one of the bureau's keys leaked and publishes the recovery (README "Keys, usages and
 * bounded versions"): the key is dropped from the trust list for good (cards it signed stop
 * verifying: re-issue them), a new current key replaces it when it was current, the revocation
 * sequence is bumped and the rules re-published under the new key, and a new trust version —
 * signed by the trust key, which a leaked card-and-list key cannot forge — carries a reset of
 * the bureau's counters: a terminal that takes it forgets the sequence and rules version a
 * leaked key may have pushed ahead, and takes the hub's next full list and rules instead.
 */
export async function declareKeyCompromised(hub: Hub, kid: string, passphrase: string): Promise<CompromiseOutcome> {
  const iss = hub.settings.iss;
  const keys = await hub.store.keys.list();
  const key = keys.find((k) => k.kid === kid && k.iss === iss);
  if (key === undefined) throw new Error(`no key ${kid} of ${iss}`);
  if (key.compromisedMs !== null) throw new Error(`key ${kid} was already declared compromised`);
  if (key.role === 'trust') {
    throw new Error('a leaked trust key can sign any trust list: terminals must be provisioned again by hand with a new trust file; sync cannot recover them');
  }
  if (trustKeyOf(keys, iss) === undefined) {
    throw new Error('this hub has no trust key to sign the recovery: run `jinka-hub key rotate-trust` and let terminals sync first');
  }
  const newKid = key.current ? (await createIssuerKey(hub.store, iss, passphrase, hub.now(), hub.settings.demo)).kid : undefined;
  if (!(await hub.store.keys.markCompromised(kid, hub.now()))) throw new Error(`key ${kid} was already declared compromised`);
  const head = await hub.store.revocations.heartbeat(iss, FORCE_BUMP_MS, hub.now());
  if (head === undefined) throw new Error('the hub has no revocation list: run `jinka-hub init`');
  const rules = await hub.store.bundles.latest('jinka/rules');
  if (rules === undefined) throw new Error('the hub has published no rules yet: run `jinka-hub init`');
  const republished = await publishRules(hub, rulesSchema.parse(JSON.parse(rules.body)));
  const reset: IssuerReset = { epoch: ((await currentReset(hub))?.epoch ?? 0) + 1, revocations_from: head.seq, rules_from: republished.version };
  await hub.store.meta.set(RESET_META_KEY, JSON.stringify(reset));
  const trust = await refreshTrust(hub);
  if (trust === undefined) throw new Error('the new trust version could not be published: try again');
  return { kid, newKid, reset, trustVersion: trust.version };
}
