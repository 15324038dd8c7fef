import { createPrivateKey } from 'node:crypto';
import type { PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import { generateSigningKey } from '../../electron/core/crypto/keys.js';
import type { IssuerKey } from '../issuer/card-token.js';
import type { HubStore, StoredKey } from '../store/hub-store.js';
import { openSecret, sealSecret } from './sealed-secret.js';

const keyLabel = (kid: string): string => `jinka-hub:signing-key:${kid}`;

/** Shortest passphrase accepted when keys are created. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** The next free key id of the year: lc-2026-1, lc-2026-2, … (DEMO- in front for demo hubs). */
export function nextKid(existing: readonly string[], nowMs: number, demo: boolean): string {
  const year = new Date(nowMs + 8 * 3_600_000).getUTCFullYear();
  const stem = `${demo ? 'DEMO-' : ''}lc-${year}-`;
  let n = 1;
  while (existing.includes(`${stem}${n}`)) n += 1;
  return `${stem}${n}`;
}

/**
 * Creates a new ES256 key for the issuer and makes it current; the private key is stored
 * sealed under the passphrase and never leaves the hub. Older keys stay published (rotation).
 */
export async function createIssuerKey(store: HubStore, iss: string, passphrase: string, nowMs: number, demo: boolean): Promise<StoredKey> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const existing = await store.keys.list();
  const kid = nextKid(existing.map((k) => k.kid), nowMs, demo);
  const key = generateSigningKey(kid);
  const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
  const stored = { kid, iss, publicJwk: key.publicJwk, sealedPrivate: sealSecret(der, passphrase, keyLabel(kid)), createdMs: nowMs };
  await store.keys.addCurrent(stored);
  return { ...stored, current: true, lastCardExp: 0, retiredMs: null };
}

/** Opens a stored key with the passphrase. */
export function unsealKey(key: StoredKey, passphrase: string): IssuerKey {
  const der = openSecret(key.sealedPrivate, passphrase, keyLabel(key.kid));
  return { iss: key.iss, kid: key.kid, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

/**
 * The issuer's keys the trust list carries at `nowSec`: the current key, and every older
 * key not retired whose last signed card has not expired yet (cards it signed still verify).
 */
export function publishedKeys(keys: readonly StoredKey[], iss: string, nowSec: number): PublicJwk[] {
  return keys
    .filter((k) => k.iss === iss && k.retiredMs === null && (k.current || k.lastCardExp > nowSec))
    .map((k) => k.publicJwk);
}
