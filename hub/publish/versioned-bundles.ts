import { rulesSchema, type RulesInput } from '../../shared/rules/rules-schema.js';
import { BUREAU_ISS, issuerResetSchema, keyMaySign, trustPayloadSchema, type IssuerReset, type TrustedIssuer } from '../../shared/bundles/bundle-schemas.js';
import { mintBundle, type IssuerKey } from '../../node/crypto/card-token.js';
import { publishedKeys, trustKeyOf } from '../keys/key-ring.js';
import type { Hub } from '../hub.js';
import type { VersionedBundle } from '../store/hub-store.js';

/**
 * Publishes a new rules version (Art. 39: the catalogue changes over time): validated by
 * rulesSchema, version one above the last (or above `base`, the version a preview was made
 * against: if another was published since, the put is refused), signed with the current bureau key.
 */
export async function publishRules(hub: Hub, input: RulesInput, base?: number): Promise<VersionedBundle> {
  const rules = rulesSchema.parse(input);
  const version = (base ?? (await hub.store.bundles.latest('jinka/rules'))?.version ?? 0) + 1;
  const iat = hub.nowSec();
  const jws = mintBundle({ iss: BUREAU_ISS, typ: 'jinka/rules', version, iat, rules }, await hub.signer());
  const bundle: VersionedBundle = { typ: 'jinka/rules', version, body: JSON.stringify(rules), jws, createdMs: hub.now() };
  if (!(await hub.store.bundles.put(bundle))) throw new Error(`rules version ${version} was published meanwhile: try again`);
  return bundle;
}

/** Where the hub keeps the counter reset it publishes for its own issuer (after `key compromised`). */
export const RESET_META_KEY = 'trust_reset';

/** The reset of the bureau's counters the trust list carries, if a key was ever declared leaked. */
export async function currentReset(hub: Hub): Promise<IssuerReset | undefined> {
  const text = await hub.store.meta.get(RESET_META_KEY);
  return text === undefined ? undefined : issuerResetSchema.parse(JSON.parse(text));
}

/** The trust list the hub publishes now: the bureau's published keys (with their usage and any reset) and every foreign issuer's keys. */
export async function currentTrustList(hub: Hub): Promise<TrustedIssuer[]> {
  const keys = publishedKeys(await hub.store.keys.list(), hub.settings.iss, hub.nowSec());
  const reset = await currentReset(hub);
  const own: TrustedIssuer = { iss: hub.settings.iss, name: hub.settings.bureauName, keys, ...(reset && { reset }) };
  const foreign = (await hub.store.issuers.list()).filter((i) => i.iss !== hub.settings.iss);
  return [own, ...foreign];
}

/**
 * The key that signs a new trust version (§5: a bureau key with usage `trust` in the version
 * before, so every terminal at that version can verify the new list even when it drops that
 * key): the oldest such key the hub still holds and has not declared leaked. The first version
 * is signed with the trust key (the current key on a hub made before key roles).
 */
async function trustSigner(hub: Hub, previous: VersionedBundle | undefined): Promise<IssuerKey> {
  const keys = await hub.store.keys.list();
  const first = trustKeyOf(keys, hub.settings.iss);
  if (previous === undefined) return first === undefined ? hub.signer() : hub.unlock(first.kid);
  const usable = new Set(keys.filter((k) => k.compromisedMs === null).map((k) => k.kid));
  const issuers = trustPayloadSchema.shape.issuers.parse(JSON.parse(previous.body));
  const kid = issuers.find((i) => i.iss === hub.settings.iss)?.keys.find((k) => usable.has(k.kid) && keyMaySign(k, 'trust'))?.kid;
  if (kid === undefined) throw new Error('no key of the trust list in force may sign the next trust version: terminals must be provisioned again with the new trust file');
  return hub.unlock(kid);
}

/**
 * Publishes a new jinka/trust version when the list has changed (a rotation, an expired old
 * key, a foreign issuer added); otherwise returns undefined. The version only grows.
 */
export async function refreshTrust(hub: Hub): Promise<VersionedBundle | undefined> {
  const issuers = await currentTrustList(hub);
  const body = JSON.stringify(issuers);
  const previous = await hub.store.bundles.latest('jinka/trust');
  if (previous?.body === body) return undefined;
  const version = (previous?.version ?? 0) + 1;
  const payload = trustPayloadSchema.parse({ iss: BUREAU_ISS, typ: 'jinka/trust', version, iat: hub.nowSec(), issuers });
  const jws = mintBundle(payload, await trustSigner(hub, previous));
  const bundle: VersionedBundle = { typ: 'jinka/trust', version, body, jws, createdMs: hub.now() };
  if (!(await hub.store.bundles.put(bundle))) return undefined;
  return bundle;
}

/**
 * The plain trust file (§5) for provisioning a new terminal, with the trust version it is
 * (compatible extension), so the terminal's next trust bundle is the one after it.
 */
export async function trustFileText(hub: Hub): Promise<string> {
  const latest = await hub.store.bundles.latest('jinka/trust');
  const issuers = latest === undefined ? await currentTrustList(hub) : (JSON.parse(latest.body) as TrustedIssuer[]);
  return `${JSON.stringify({ issuers, version: latest?.version ?? 0 }, null, 2)}\n`;
}
