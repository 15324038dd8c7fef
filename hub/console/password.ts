import { scryptDecoy, scryptHash, scryptMatches } from '../../node/crypto/scrypt-hash.js';
import { PASSWORD_MAX } from '../../shared/console/console-api.js';

/** About 0.1 s and 32 MiB per hash on the bureau's machine; the lockout bounds how many a guesser gets. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;

/** Hashes a staff password (salted scrypt; node/crypto/scrypt-hash.ts). */
export function hashPassword(password: string): Promise<string> {
  return scryptHash(password, COST);
}

/**
 * True when `password` matches `stored`; an unknown account is checked against a decoy at the
 * same cost, so a wrong id and a wrong password take the same time. A password over the bound
 * is refused before the schema sees it; here it is simply wrong.
 */
export function passwordMatches(password: string, stored: string | undefined): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return Promise.resolve(false);
  return scryptMatches(password, stored ?? DECOY_PASSWORD_HASH).then((ok) => ok && stored !== undefined);
}

const DECOY_PASSWORD_HASH = scryptDecoy(COST);
