import { createHmac, sign } from 'node:crypto';
import type { SigningKey } from '../../node/crypto/keys.js';
import { baseClaims } from './fixtures.js';

/** base64url of a string, or of a value's JSON. */
export const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Builds `header.payload.signature` from raw parts, signing nothing. */
export const rawToken = (header: unknown, payload: unknown, signature = ''): string => `${b64(header)}.${b64(payload)}.${signature}`;

/** Signs any header and payload with an ES256 key (the header is taken as given, alg included). */
export function signWithHeader(header: Record<string, unknown>, payload: unknown, key: SigningKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

/** An HS256 token over the default claims: what an attacker with a guessed secret would send. */
export function hs256Token(kid: string, secret = 'secret', payload: unknown = baseClaims()): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An unsigned `alg: none` token over the default claims. */
export const noneToken = (kid: string, payload: unknown = baseClaims()): string => rawToken({ alg: 'none', typ: 'JWT', kid }, payload, '');
