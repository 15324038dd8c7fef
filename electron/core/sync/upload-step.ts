import { err, ok, type Result } from '../../../shared/result.js';
import { clip } from '../../../shared/sync/sync-status-codes.js';
import type { HubError } from './hub-client.js';
import { storesOf } from '../terminal.js';
import type { SyncSession } from './sync-session.js';
import { nextBatch, type WithheldEntry } from './upload-batches.js';

/** What an upload pass did. */
export interface UploadSummary {
  batches: number;
  /** Entries the hub stored for the first time. */
  accepted: number;
  /** Entries it already had (a re-sent batch after a cut connection). */
  duplicates: number;
  /** Problems the hub noted for the bureau (chain break, over quota); never a refusal. */
  flags: string[];
  cursor: number;
  /** Entries the hub's bounds would refuse, sent as stand-ins so the rest of the queue still goes (upload-batches.ts). */
  withheld: WithheldEntry[];
}

/**
 * Uploads the audit log past the acknowledged cursor in signed batches (POST /v1/audit).
 * The cursor moves only to what the hub acknowledged: a connection cut after the hub
 * committed but before the answer arrived leaves it where it was, the batch is sent again
 * and the hub keeps each (terminal, seq) once. An ack below the cursor (the hub restored
 * from a backup) moves it back, so the hub gets what it lost.
 */
export async function uploadPending(session: SyncSession): Promise<Result<UploadSummary, HubError>> {
  const stores = storesOf(session.terminal);
  const summary: UploadSummary = { batches: 0, accepted: 0, duplicates: 0, flags: [], cursor: stores.sync.uploadCursor(), withheld: [] };
  let rewound = false;
  for (;;) {
    const head = stores.auditQueue.headSeq();
    // A cursor past the head means this database is older than what the hub holds (restored):
    // ask from the head so the hub's answer sets the cursor straight.
    const from = Math.min(summary.cursor, head);
    const { entries: batch, withheld } = nextBatch(stores.auditQueue, from, session.batchLimits);
    if (batch.length === 0) {
      if (summary.cursor > head) stores.sync.setUploadCursor(head);
      summary.cursor = Math.min(summary.cursor, head);
      return ok(summary);
    }
    const reply = await session.client.upload(session.signer.signBatch(batch, session.terminal.now()));
    if (!reply.ok) return err(reply.error);
    session.observe(reply.value);
    const ack = reply.value.value;
    const last = batch[batch.length - 1]?.seq ?? from;
    const cursor = Math.min(ack.cursor, stores.auditQueue.headSeq());
    stores.sync.setUploadCursor(cursor);
    summary.batches += 1;
    summary.accepted += ack.accepted;
    summary.duplicates += ack.duplicates;
    summary.flags.push(...ack.flags);
    // Reported once, by the batch that carried it past the cursor (a re-sent batch does not repeat it).
    summary.withheld.push(...withheld.filter((w) => w.seq > from && w.seq <= cursor));
    summary.cursor = cursor;
    // Progress (all of the batch or part of it) goes on; so does one step back.
    if (cursor > from) continue;
    if (cursor < from && !rewound) {
      rewound = true;
      continue;
    }
    return err({
      kind: 'refused',
      status: null,
      message: `the hub acknowledged up to ${ack.cursor} after a batch of ${batch[0]?.seq ?? from}–${last}${ack.flags.length > 0 ? ` (${ack.flags.join('; ')})` : ''}`,
      notice: { code: 'UPLOAD_STALLED', acknowledged: ack.cursor, from: batch[0]?.seq ?? from, last, flags: ack.flags.slice(0, 20).map((f) => clip(f, 300)) },
      hubTimeMs: reply.value.hubTimeMs,
    });
  }
}
