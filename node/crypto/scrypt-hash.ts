import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt parameters of a new hash (kept in the hash, so they can be raised later). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
const KEY_LENGTH = 32;
const MAX_MEM = 128 * 1024 * 1024;
/** The largest N a stored hash may ask for: a damaged or planted hash cannot make a check take minutes. */
const MAX_N = 2 ** 17;

const derive = (secret: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, length, { ...options, maxmem: MAX_MEM }, (error, key) => (error ? reject(error) : resolve(key)));
  });

/**
 * Hashes a PIN or a password with a fresh 16-byte salt: `scrypt$N$r$p$salt$hash` (base64url).
 * The one home of the counter's PIN hash and the console's password hash.
 */
export async function scryptHash(secret: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, cost, KEY_LENGTH);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `secret` matches the stored hash (constant-time compare); false for a malformed hash. */
export async function scryptMatches(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(cost.N) || cost.N < 2 || cost.N > MAX_N || !Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32 || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > 4) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  const key = await derive(secret, Buffer.from(salt, 'base64url'), cost, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash nothing matches, at `cost`: checked against for unknown ids so timing does not tell which ids exist. */
export function scryptDecoy(cost: ScryptCost): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
}
