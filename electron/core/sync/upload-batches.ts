import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { AuditQueue } from '../store/audit-queue.js';

/** How large one upload batch may grow: few enough entries, and a body well under the hub's request limit. */
export interface BatchLimits {
  maxEntries: number;
  maxBytes: number;
}

/** 500 entries or about 512 KB of JSON (≈ 700 KB as a JWS), whichever comes first. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxEntries: 500, maxBytes: 512 * 1024 };

/** The next batch after `cursor`: consecutive entries in seq order, at least one when any is pending. */
export function nextBatch(queue: AuditQueue, cursor: number, limits: BatchLimits = DEFAULT_BATCH_LIMITS): AuditEntry[] {
  const entries = queue.after(cursor, limits.maxEntries);
  let bytes = 0;
  for (let i = 0; i < entries.length; i += 1) {
    bytes += JSON.stringify(entries[i]).length;
    if (bytes > limits.maxBytes && i > 0) return entries.slice(0, i);
  }
  return entries;
}

/** Every pending batch from `cursor` to the head, for a USB export. */
export function* pendingBatches(queue: AuditQueue, cursor: number, limits: BatchLimits = DEFAULT_BATCH_LIMITS): Generator<AuditEntry[]> {
  let from = cursor;
  for (;;) {
    const batch = nextBatch(queue, from, limits);
    const last = batch[batch.length - 1];
    if (last === undefined) return;
    yield batch;
    from = last.seq;
  }
}
