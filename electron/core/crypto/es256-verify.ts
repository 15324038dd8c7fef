import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * Checks an ES256 signature with jsonwebtoken. Validity times are ignored here: the
 * decision checks them itself, in the order of §6, with the site's clock tolerance.
 */
export function es256SignatureValid(token: string, key: KeyObject): boolean {
  try {
    jwt.verify(token, key, { algorithms: ['ES256'], ignoreExpiration: true, ignoreNotBefore: true });
    return true;
  } catch {
    return false;
  }
}
