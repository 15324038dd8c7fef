import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';

/**
 * The same card claims re-issued by an authority this terminal does not trust (another city's
 * bureau with a key of its own): a well-formed, validly signed token whose `iss` is unknown.
 */
export function foreignAuthorityCard(token: string, iss = 'bj-hrss'): string {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new Error('not a compact JWS');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const key = generateSigningKey(`${iss}-2026`);
  return signEs256({ ...claims, iss }, key.privateKey, key.kid);
}
