import { createHash } from 'node:crypto';
import { auditEntrySchema, type AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { clip, type SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import type { AuditQueue } from '../store/audit-queue.js';

/** How large one upload batch may grow: few enough entries, and a body well under the hub's request limit. */
export interface BatchLimits {
  maxEntries: number;
  maxBytes: number;
}

/** 500 entries or about 512 KB of JSON (≈ 700 KB as a JWS), whichever comes first. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxEntries: 500, maxBytes: 512 * 1024 };

/** An entry the hub would refuse (outside the protocol's bounds, e.g. a body over 16,384 characters), sent as a stand-in. */
export interface WithheldEntry {
  seq: number;
  kind: string;
  /** Characters of the entry's body as kept in the audit log. */
  length: number;
  /** Which field breaks a bound (`entry` for the entry as a whole). */
  path: string;
  /** Which bound it breaks, as the protocol's schema says it (English: it goes into the stand-in's body). */
  reason: string;
}

/** One batch: the entries to sign (stand-ins in place of withheld ones) and what was withheld. */
export interface Batch {
  entries: AuditEntry[];
  withheld: WithheldEntry[];
}

/**
 * The entry as uploaded. One the hub's schema refuses would make it refuse the whole batch, and
 * the queue would never move again; it goes as a stand-in instead: same seq, stamp, links and
 * hash, and a small body naming what was withheld and the SHA-256 of the real body. The hub
 * cannot re-compute that entry's hash, so it flags it (and a `use` stand-in as an unreadable
 * use) and stores it; the chain goes on from its hash, and the full entry stays in this
 * terminal's audit log for the bureau to read.
 */
export function uploadable(entry: AuditEntry): { entry: AuditEntry; withheld?: WithheldEntry } {
  const checked = auditEntrySchema.safeParse(entry);
  if (checked.success) return { entry };
  const issue = checked.error.issues[0];
  const path = issue === undefined ? 'entry' : issue.path.join('.') || 'entry';
  const reason = issue === undefined ? 'outside the upload bounds' : `${path}: ${issue.message}`;
  const withheld: WithheldEntry = { seq: entry.seq, kind: entry.kind, length: entry.body.length, path, reason };
  const body = JSON.stringify({
    withheld: `entry ${entry.seq} (${entry.kind.slice(0, 32)}) not uploaded: ${reason}`,
    length: entry.body.length,
    sha256: createHash('sha256').update(entry.body).digest('hex'),
  });
  return { entry: { ...entry, kind: entry.kind.replace(/\p{Cc}/gu, '?').slice(0, 32) || 'unknown', body }, withheld };
}

/** The sync state's notice about withheld entries (null when none): how many, the first, and which field broke a bound. */
export function withheldNotice(withheld: readonly WithheldEntry[]): SyncNotice | null {
  const first = withheld[0];
  if (first === undefined) return null;
  return { code: 'ENTRIES_WITHHELD', count: withheld.length, seq: first.seq, kind: clip(first.kind, 64), length: first.length, path: clip(first.path, 200) };
}

/** The next batch after `cursor`: consecutive entries in seq order, at least one when any is pending. */
export function nextBatch(queue: AuditQueue, cursor: number, limits: BatchLimits = DEFAULT_BATCH_LIMITS): Batch {
  const batch: Batch = { entries: [], withheld: [] };
  let bytes = 0;
  for (const stored of queue.after(cursor, limits.maxEntries)) {
    const { entry, withheld } = uploadable(stored);
    bytes += JSON.stringify(entry).length;
    if (bytes > limits.maxBytes && batch.entries.length > 0) break;
    batch.entries.push(entry);
    if (withheld !== undefined) batch.withheld.push(withheld);
  }
  return batch;
}

/** Every pending batch from `cursor` to the head, for a USB export. */
export function* pendingBatches(queue: AuditQueue, cursor: number, limits: BatchLimits = DEFAULT_BATCH_LIMITS): Generator<Batch> {
  let from = cursor;
  for (;;) {
    const batch = nextBatch(queue, from, limits);
    const last = batch.entries[batch.entries.length - 1];
    if (last === undefined) return;
    yield batch;
    from = last.seq;
  }
}
