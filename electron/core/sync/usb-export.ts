import { err, ok, type Result } from '../../../shared/result.js';
import { storesOf, type Terminal } from '../terminal.js';
import { writeFileAtomic } from './atomic-file.js';
import { openSession } from './sync-session.js';
import { pendingBatches, type WithheldEntry } from './upload-batches.js';

/** What a USB export wrote. */
export interface ExportSummary {
  file: string;
  batches: number;
  entries: number;
  uses: number;
  /** The last seq written (the cursor an acknowledgement of this file would carry). */
  throughSeq: number;
  /** Entries outside the hub's bounds, written as stand-ins so the rest still goes (upload-batches.ts). */
  withheld: WithheldEntry[];
}

/** Why nothing was exported: not enrolled, no key to sign with, or the file could not be written (`cause`: the system's words). */
export type ExportError = { code: 'NOT_ENROLLED' } | { code: 'KEY_MISSING' } | { code: 'WRITE_FAILED'; file: string; cause: string };

/**
 * `jinka sync export FILE` for a site with no network: every pending audit entry (past
 * the acknowledged cursor) as signed upload batches, one JWS per line, written whole or
 * not at all. The cursor does not move: the entries stay queued until the hub's answer
 * (the next online sync, or an acknowledgement file) says it has them, and the hub keeps
 * each entry once however many exports carry it.
 */
export function exportPending(terminal: Terminal, file: string): Result<ExportSummary, ExportError> {
  const session = openSession(terminal);
  if (!session.ok) return err(session.error.state === 'not-enrolled' ? { code: 'NOT_ENROLLED' } : { code: 'KEY_MISSING' });
  const stores = storesOf(terminal);
  const cursor = stores.sync.uploadCursor();
  const summary: ExportSummary = { file, batches: 0, entries: 0, uses: 0, throughSeq: cursor, withheld: [] };
  const s = session.value;
  function* lines(): Generator<string> {
    for (const { entries: batch, withheld } of pendingBatches(stores.auditQueue, cursor, s.batchLimits)) {
      summary.batches += 1;
      summary.withheld.push(...withheld);
      summary.entries += batch.length;
      summary.uses += batch.filter((e) => e.kind === 'use').length;
      summary.throughSeq = batch[batch.length - 1]?.seq ?? summary.throughSeq;
      yield `${s.signer.signBatch(batch, terminal.now())}\n`;
    }
  }
  try {
    // One read transaction: the file is a consistent cut of the log even while uses are recorded.
    stores.db.transaction(() => writeFileAtomic(file, lines()))();
  } catch (e) {
    return err({ code: 'WRITE_FAILED', file, cause: e instanceof Error ? e.message : String(e) });
  }
  return ok(summary);
}
