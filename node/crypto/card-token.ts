import type { KeyObject } from 'node:crypto';
import type { RevocationsPayload, RulesPayload, TrustPayload } from '../../shared/bundles/bundle-schemas.js';
import type { CardClaims } from '../../shared/token/card-claims.js';
import { signEs256 } from './jws-sign.js';

/** An issuer's signing key: only the hub (or the demo authority) ever holds one. */
export interface IssuerKey {
  iss: string;
  kid: string;
  privateKey: KeyObject;
}

/** Signs a card token (§4) with the issuer's key. */
export function mintCardToken(claims: CardClaims, key: IssuerKey): string {
  return signEs256({ ...claims }, key.privateKey, key.kid);
}

/** Signs a bundle (§5) with the issuer's key. */
export function mintBundle(payload: RevocationsPayload | RulesPayload | TrustPayload, key: IssuerKey): string {
  return signEs256({ ...payload }, key.privateKey, key.kid);
}
