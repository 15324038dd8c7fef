import { verify, type KeyObject } from 'node:crypto';

/** A compact JWS split and checked: header and payload decoded, signature verified. */
export interface VerifiedJws {
  header: Record<string, unknown>;
  payload: unknown;
}

const PART = /^[A-Za-z0-9_-]*$/;

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact ES256 JWS with node:crypto (raw r‖s signature, RFC 7518 §3.4) and
 * decodes it once: the one ES256 verifier of the terminal and the hub (cards, bundles,
 * acknowledgements, upload batches, request tokens). alg must be ES256 and nothing else is accepted.
 * Undefined when the text is not a JWS, not ES256, or the signature does not verify.
 */
export function verifyCompactEs256(jws: string, key: KeyObject): VerifiedJws | undefined {
  const first = jws.indexOf('.');
  const second = jws.indexOf('.', first + 1);
  if (first <= 0 || second <= first || jws.indexOf('.', second + 1) !== -1) return undefined;
  const [h, p, s] = [jws.slice(0, first), jws.slice(first + 1, second), jws.slice(second + 1)];
  if (!PART.test(h) || !PART.test(s) || !PART.test(p)) return undefined;
  const header = decodeJson(h);
  if (typeof header !== 'object' || header === null || Array.isArray(header) || (header as { alg?: unknown }).alg !== 'ES256') return undefined;
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64) return undefined;
  if (!verify('sha256', Buffer.from(jws.slice(0, second), 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, signature)) return undefined;
  const payload = decodeJson(p);
  if (payload === undefined) return undefined;
  return { header: header as Record<string, unknown>, payload };
}

/**
 * True when `token` is an ES256 JWS that `key` signed. Validity times are not looked at here:
 * the decision checks them itself, in the order of §6, with the site's clock tolerance.
 */
export function es256SignatureValid(token: string, key: KeyObject): boolean {
  return verifyCompactEs256(token, key) !== undefined;
}
