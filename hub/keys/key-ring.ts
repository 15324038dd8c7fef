import { createPrivateKey } from 'node:crypto';
import type { KeyUse, PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import { generateSigningKey } from '../../node/crypto/keys.js';
import type { IssuerKey } from '../../node/crypto/card-token.js';
import type { KeyRole } from '../store/hub-records.js';
import type { HubStore, StoredKey } from '../store/hub-store.js';
import { openSecret, sealSecret, type ScryptCost } from './sealed-secret.js';

const keyLabel = (kid: string): string => `jinka-hub:signing-key:${kid}`;

/** Shortest passphrase accepted when keys are created. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** The next free key id of the year: lc-2026-1, lc-2026-2, … (lc-trust-2026-1 for trust keys; DEMO- in front for demo hubs). */
export function nextKid(existing: readonly string[], nowMs: number, demo: boolean, role: KeyRole = 'signing'): string {
  const year = new Date(nowMs + 8 * 3_600_000).getUTCFullYear();
  const stem = `${demo ? 'DEMO-' : ''}lc-${role === 'trust' ? 'trust-' : ''}${year}-`;
  let n = 1;
  while (existing.includes(`${stem}${n}`)) n += 1;
  return `${stem}${n}`;
}

/**
 * Creates a new ES256 key for the issuer; the private key is stored sealed under the passphrase
 * and never leaves the hub. A `signing` key becomes the current one (cards, lists, rules; older
 * keys stay published for their cards only); a `trust` key signs trust bundles alone and
 * replaces the trust key before it. `sealCost`: see sealSecret (production cost unless a test fixture passes one).
 */
export async function createIssuerKey(store: HubStore, iss: string, passphrase: string, nowMs: number, demo: boolean, role: KeyRole = 'signing', sealCost?: ScryptCost): Promise<StoredKey> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const existing = await store.keys.list();
  const kid = nextKid(existing.map((k) => k.kid), nowMs, demo, role);
  const key = generateSigningKey(kid);
  const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  const stored = { kid, iss, publicJwk: key.publicJwk, sealedPrivate: sealSecret(der, passphrase, keyLabel(kid), sealCost), createdMs: nowMs };
  if (role === 'trust') await store.keys.addTrustKey(stored);
  else await store.keys.addCurrent(stored);
  return { ...stored, current: role === 'signing', lastCardExp: 0, retiredMs: null, role, compromisedMs: null };
}

/** Opens a stored key with the passphrase. */
export function unsealKey(key: StoredKey, passphrase: string): IssuerKey {
  const der = openSecret(key.sealedPrivate, passphrase, keyLabel(key.kid));
  return { iss: key.iss, kid: key.kid, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

/** A key neither retired nor declared leaked. */
const live = (k: StoredKey): boolean => k.retiredMs === null && k.compromisedMs === null;

/**
 * What a published key may sign (§5 "Key usage"): the trust key trust only; the current key cards
 * and lists (and trust too on a hub that has no trust key, made before key roles); an older key
 * kept for the cards it signed, cards only — so it can neither un-revoke nor lock anything out.
 */
function usageOf(key: StoredKey, hasTrustKey: boolean): KeyUse[] {
  if (key.role === 'trust') return ['trust'];
  if (key.current) return hasTrustKey ? ['card', 'list'] : ['card', 'list', 'trust'];
  return ['card'];
}

/**
 * The issuer's keys the trust list carries at `nowSec`, each with its `jinka_use`: the trust key,
 * the current key, and every older key not retired whose last signed card has not expired yet
 * (cards it signed still verify). A compromised key is never published.
 */
export function publishedKeys(keys: readonly StoredKey[], iss: string, nowSec: number): PublicJwk[] {
  const own = keys.filter((k) => k.iss === iss && live(k));
  const hasTrustKey = own.some((k) => k.role === 'trust');
  return own
    .filter((k) => k.role === 'trust' || k.current || k.lastCardExp > nowSec)
    .map((k) => ({ ...k.publicJwk, jinka_use: usageOf(k, hasTrustKey) }));
}

/** The issuer's trust key in force (the newest live one), if the hub has one. */
export function trustKeyOf(keys: readonly StoredKey[], iss: string): StoredKey | undefined {
  return keys.filter((k) => k.iss === iss && k.role === 'trust' && live(k)).at(-1);
}
