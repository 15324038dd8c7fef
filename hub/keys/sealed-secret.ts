import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost parameters; every sealed text records the ones it was sealed with, so opening works whatever they were. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** The cost every hub seals with: about 0.1 s and 32 MiB per unseal on the bureau's machine, far more for a guesser. */
export const PRODUCTION_SCRYPT_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const MAX_MEM = 128 * 1024 * 1024;

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** The costs a sealed text may name: N a power of two from 2^10 to 2^20 (scrypt refuses others), r and p small. */
const costSchema = z.strictObject({
  N: z.number().int().min(2 ** 10).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});
const sealedSchema = z.strictObject({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  ...costSchema.shape,
  salt: b64,
  iv: b64,
  tag: b64,
  ct: b64,
});

/** The passphrase does not open this secret (or the sealed text was altered). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase: the hub keys cannot be opened with it');
  }
}

/**
 * Seals a secret under a passphrase: scrypt derives a 256-bit key from a fresh salt, and
 * AES-256-GCM encrypts with `label` as associated data, so a sealed text moved to another
 * purpose (another key id) does not open. `cost` is the production cost unless a caller that
 * creates a throw-away hub in-process (a test fixture) passes a cheaper one; no setting,
 * variable or flag of a running hub reaches it.
 */
export function sealSecret(secret: Buffer, passphrase: string, label: string, cost: ScryptCost = PRODUCTION_SCRYPT_COST): string {
  const { N, r, p } = costSchema.parse({ N: cost.N, r: cost.r, p: cost.p });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: MAX_MEM });
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret), cipher.final()]);
  return JSON.stringify({ v: 1, kdf: 'scrypt', N, r, p, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') });
}

/** Opens a sealed secret; a wrong passphrase or an altered text throws WrongPassphraseError. */
export function openSecret(sealed: string, passphrase: string, label: string): Buffer {
  const parsed = sealedSchema.parse(JSON.parse(sealed));
  const key = scryptSync(passphrase.normalize('NFC'), Buffer.from(parsed.salt, 'base64'), 32, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAX_MEM });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64'));
  decipher.setAAD(Buffer.from(label, 'utf8'));
  decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(parsed.ct, 'base64')), decipher.final()]);
  } catch {
    throw new WrongPassphraseError();
  }
}
