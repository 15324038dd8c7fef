import { createHash } from 'node:crypto';

/** Hash that stands before the first entry of an audit chain (the terminal's, and each terminal's copy at the hub). */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one entry: it covers the previous hash, so editing or deleting any row breaks every later link. */
export function auditHash(prevHash: string, seq: number, atMs: number, kind: string, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${atMs}\n${kind}\n${body}`).digest('hex');
}
