import { createHmac, timingSafeEqual } from 'node:crypto';
import { auditHash } from '../../node/audit/audit-hash.js';
import type { NewStaffLogEntry } from './staff-repos.js';

/** The purpose the staff log's key is derived for from the hub secret (Hub.derivedKey). */
export const STAFF_LOG_KEY_LABEL = 'jinka-hub:staff-log-v1';
/** The meta row that keeps the log's sealed head. */
export const STAFF_LOG_HEAD_KEY = 'staff_log_head';

/** Where a store keeps the staff log's key once the hub secret is open (HubStore.keyStaffLog). */
export interface StaffLogKeyRef {
  key?: Buffer;
}

/** The key of `ref`, or a refusal: the log is never appended to with a hash anyone could recompute. */
export function staffLogKey(ref: StaffLogKeyRef): Buffer {
  if (ref.key === undefined) throw new Error('the staff log has no key yet: open the hub (its secret) before writing to it');
  return ref.key;
}

/**
 * The hash of a staff-log entry: HMAC-SHA256, under a key derived from the sealed hub secret, of
 * node/audit's chain hash over the entry's fields. Without the passphrase nobody can make a hash
 * that checks, so a rewritten entry cannot be hidden by recomputing the chain after it.
 */
export function staffLogHash(key: Buffer, prevHash: string, seq: number, entry: NewStaffLogEntry): string {
  const body = JSON.stringify({ staff: entry.staffId, address: entry.address, target: entry.target, outcome: entry.outcome });
  return createHmac('sha256', key).update(`entry\n${auditHash(prevHash, seq, entry.atMs, entry.action, body)}`).digest('hex');
}

/**
 * The log's head as kept in meta, apart from the table: the last entry's sequence and hash, and
 * `brokenAt`, the sequence after which an append found the table and the head disagreeing (0: never).
 * A mismatch found is carried into every later head, so appending again does not hide it.
 */
export interface StaffLogHead {
  seq: number;
  hash: string;
  brokenAt: number;
}

const headMac = (key: Buffer, h: StaffLogHead): string => createHmac('sha256', key).update(`head\n${h.seq}\n${h.hash}\n${h.brokenAt}`).digest('base64url');

/** The head as the meta row holds it: `v1.SEQ.HASH.BROKENAT.MAC`. */
export function sealStaffLogHead(key: Buffer, head: StaffLogHead): string {
  return ['v1', head.seq, head.hash, head.brokenAt, headMac(key, head)].join('.');
}

/** Opens a sealed head; undefined when it is absent, malformed or its MAC does not check (made without the key). */
export function openStaffLogHead(key: Buffer, text: string | undefined): StaffLogHead | undefined {
  const m = /^v1\.(\d{1,15})\.([0-9a-f]{64})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(text ?? '');
  if (m === null) return undefined;
  const head = { seq: Number(m[1]), hash: m[2] ?? '', brokenAt: Number(m[3]) };
  const want = Buffer.from(headMac(key, head));
  const got = Buffer.from(m[4] ?? '');
  return want.length === got.length && timingSafeEqual(want, got) ? head : undefined;
}

/**
 * The head after appending entry `seq` with `hash`, given the table's last entry before it and the
 * head the meta row held: when they disagree (the tail or the head deleted or replaced behind the
 * hub's back), the new head says where.
 */
export function nextStaffLogHead(key: Buffer, last: { seq: number; hash: string } | undefined, stored: string | undefined, seq: number, hash: string): string {
  const before = openStaffLogHead(key, stored);
  const agrees = last === undefined ? stored === undefined : before !== undefined && before.seq === last.seq && before.hash === last.hash;
  const brokenAt = before !== undefined && before.brokenAt > 0 ? before.brokenAt : agrees ? 0 : Math.max(1, last?.seq ?? 1);
  return sealStaffLogHead(key, { seq, hash, brokenAt });
}
