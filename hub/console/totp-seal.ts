import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Hub } from '../hub.js';

/** The purpose the TOTP key is derived for from the hub secret. */
const LABEL = 'jinka-hub:console-totp-v1';

/**
 * Encrypts a staff member's TOTP secret with AES-256-GCM under a key derived from the sealed
 * hub secret (the passphrase opens it), the staff id as associated data: a copy of the database
 * alone does not yield second factors, and a sealed secret moved to another account does not open.
 */
export function sealTotp(hub: Hub, staffId: string, secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', hub.derivedKey(LABEL), iv);
  cipher.setAAD(Buffer.from(staffId, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** Opens a sealed TOTP secret; undefined when it does not open (altered, or another account's). */
export function openTotp(hub: Hub, staffId: string, sealed: string): Buffer | undefined {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || iv === undefined || tag === undefined || ct === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', hub.derivedKey(LABEL), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(staffId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  } catch {
    return undefined;
  }
}
