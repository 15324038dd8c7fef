import { scryptDecoy, scryptHash, scryptMatches } from '../../../node/crypto/scrypt-hash.js';

/** scrypt cost for new PINs: about 40 ms per try on a counter PC (the lockout does the rest). */
const COST = { N: 16_384, r: 8, p: 1 } as const;

/** Hashes a PIN with a fresh salt: `scrypt$N$r$p$salt$hash` (base64url), parameters kept so they can be raised later. */
export function hashPin(pin: string): Promise<string> {
  return scryptHash(pin, COST);
}

/** True when the PIN matches the stored hash (constant-time compare); false for a malformed hash. */
export function pinMatches(pin: string, stored: string): Promise<boolean> {
  return scryptMatches(pin, stored);
}

/** A hash no PIN matches, checked against for unknown operator ids so timing does not tell which ids exist. */
export const DECOY_PIN_HASH = scryptDecoy(COST);
