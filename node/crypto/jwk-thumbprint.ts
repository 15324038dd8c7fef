import { createHash } from 'node:crypto';
import type { PublicJwk } from '../../shared/bundles/bundle-schemas.js';

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of a P-256 public key: the hash of its
 * required members in lexicographic order with no white space, `{"crv","kty","x","y"}`. Only
 * the key itself counts — `kid`, `alg` and `jinka_use` do not — so a hub cannot pass another
 * key off under a known thumbprint by renaming it.
 */
export function jwkThumbprint(jwk: Pick<PublicJwk, 'kty' | 'crv' | 'x' | 'y'>): string {
  const canonical = `{"crv":${JSON.stringify(jwk.crv)},"kty":${JSON.stringify(jwk.kty)},"x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}
