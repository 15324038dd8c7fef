import { z } from 'zod';
import { es256SignatureValid } from '../../node/crypto/es256-verify.js';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import { publicKeyFromJwk } from '../../node/crypto/keys.js';
import { issuerSchema, keyMaySign, publicJwkSchema, revocationsPayloadSchema, trustFileSchema, type PublicJwk, type TrustedIssuer } from '../../shared/bundles/bundle-schemas.js';
import { revocationStepProblem } from '../../shared/bundles/bundle-steps.js';
import { err, ok, type Result } from '../../shared/result.js';
import { fieldText, parseCompactJwt } from '../../shared/token/compact-jwt.js';
import type { Hub } from '../hub.js';
import type { RelayedBundle } from '../store/hub-store.js';
import { refreshTrust } from './versioned-bundles.js';

/** Largest relayed bundle read (a province-wide full list). */
const MAX_RELAYED_BYTES = 64 * 1024 * 1024;

/** True when some object anywhere in the JSON carries a private JWK member (EC `d`; RSA's primes and exponents). */
function holdsPrivateKey(json: unknown): boolean {
  if (Array.isArray(json)) return json.some(holdsPrivateKey);
  if (typeof json !== 'object' || json === null) return false;
  if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((m) => m in json)) return true;
  return Object.values(json).some(holdsPrivateKey);
}

/**
 * Reads public keys from a JWK, a JSON array of JWKs, or a trust file (the issuer's entry). A
 * file holding private key material is refused, not quietly stripped: the province's private key
 * has left its hands and the bureau must tell them (it would otherwise be read as a public key).
 */
export function readIssuerKeys(iss: string, text: string): Result<PublicJwk[], string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('the keys file is not JSON');
  }
  if (holdsPrivateKey(json)) return err('the keys file holds private key material ("d"): ask the issuer for its public keys only, and tell it that its private key was sent');
  const one = publicJwkSchema.safeParse(json);
  if (one.success) return ok([one.data]);
  const many = z.array(publicJwkSchema).min(1).safeParse(json);
  if (many.success) return ok(many.data);
  const file = trustFileSchema.safeParse(json);
  if (file.success) {
    const entry = file.data.issuers.find((i) => i.iss === iss);
    return entry === undefined ? err(`the trust file has no issuer ${iss}`) : ok(entry.keys);
  }
  return err('the keys file must hold a P-256 JWK, an array of them, or a trust file');
}

/**
 * Why these keys may not be registered as another issuer's, or undefined: the hub's own iss, or a
 * key that is one of the bureau's (same RFC 7638 thumbprint, whatever kid it is given) — the
 * bureau's keys are rotated and retired under its own iss, never trusted a second time under another.
 */
export async function foreignIssuerProblem(hub: Hub, issuer: Pick<TrustedIssuer, 'iss' | 'keys'>): Promise<string | undefined> {
  if (issuer.iss === hub.settings.iss) return `${issuer.iss} is this hub's own issuer: use jinka-hub key rotate`;
  const bureau = new Set((await hub.store.keys.list()).map((k) => jwkThumbprint(k.publicJwk)));
  const own = issuer.keys.find((k) => bureau.has(jwkThumbprint(k)));
  return own === undefined ? undefined : `key ${own.kid} is one of this hub's own keys, not ${issuer.iss}'s`;
}

/**
 * Adds (or replaces) another issuer's public keys in the trust list the hub publishes —
 * the province's Huicai card (sd-hrss). The hub never holds its private keys.
 */
export async function putForeignIssuer(hub: Hub, issuer: TrustedIssuer): Promise<number | undefined> {
  const problem = await foreignIssuerProblem(hub, issuer);
  if (problem !== undefined) throw new Error(problem);
  const parsed = issuerSchema.parse(issuer);
  for (const key of parsed.keys) publicKeyFromJwk(key);
  await hub.store.issuers.put(parsed, hub.now());
  return (await refreshTrust(hub))?.version;
}

/**
 * Takes another issuer's signed revocation bundle to pass on to terminals verbatim, after
 * checking it exactly as a terminal would: ES256, a registered key of that issuer that may sign
 * lists (§5 "Key usage"), the schema, and the step from the newest list relayed (§5 "Bounded
 * steps", the terminal's own rule): a list terminals would refuse is never relayed, so an old
 * card-only key or a huge sequence can neither hide genuine lists nor revoke cards at the hub.
 */
export async function relayRevocations(hub: Hub, text: string): Promise<Result<RelayedBundle, string>> {
  const jws = text.trim();
  const jwt = parseCompactJwt(jws, MAX_RELAYED_BYTES);
  if (jwt === undefined || jwt.header.alg !== 'ES256') return err('not an ES256-signed bundle');
  const parsed = revocationsPayloadSchema.safeParse(jwt.payload);
  if (!parsed.success) return err('not a jinka/revocations bundle');
  const issuer = (await hub.store.issuers.list()).find((i) => i.iss === parsed.data.iss);
  if (issuer === undefined) return err(`issuer ${parsed.data.iss} is not registered: jinka-hub issuer add first`);
  const key = issuer.keys.find((k) => k.kid === jwt.header.kid);
  if (key === undefined) return err(`issuer ${issuer.iss} has no key ${fieldText(jwt.header.kid)}`);
  if (!keyMaySign(key, 'list')) return err(`key ${key.kid} of ${issuer.iss} may not sign jinka/revocations`);
  if (!es256SignatureValid(jws, publicKeyFromJwk(key))) return err('the bundle signature does not verify');
  const held = (await hub.store.bundles.relayedHeads()).find((h) => h.iss === issuer.iss)?.seq ?? 0;
  const step = revocationStepProblem(parsed.data, held);
  if (step !== undefined) return err(`${step.code}: ${step.message}`);
  const relayed: RelayedBundle = { iss: parsed.data.iss, seq: parsed.data.seq, base: parsed.data.base, jws };
  await hub.store.bundles.putRelayed(relayed);
  return ok(relayed);
}
