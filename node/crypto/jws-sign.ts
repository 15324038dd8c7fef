import { sign, type KeyObject } from 'node:crypto';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Signs a compact JWS with ES256 (raw r‖s signature, RFC 7518 §3.4). Used by the demo
 * authority and the hub; independent of jsonwebtoken so tests can also build tokens
 * jsonwebtoken would refuse to sign (ill-typed claims).
 */
export function signEs256(payload: Record<string, unknown>, privateKey: KeyObject, kid: string, header: Record<string, unknown> = {}): string {
  const head = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid, ...header }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${head}.${body}.${b64url(signature)}`;
}
