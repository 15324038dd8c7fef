import { ok, type Result } from '../../shared/result.js';
import type { UploadAck } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import type { NewFlag, StoredTerminal } from '../store/hub-store.js';
import type { TerminalKeys } from '../terminals/terminal-auth.js';
import { ingestEntries } from './ingest-entries.js';
import { batchIssuedMs, checkEntries, readUploadBatch, type BatchError } from './upload-batch.js';
import { useJudge } from './use-checks.js';
import { clockBackFlags, clockFlag, flagUses } from './use-flags.js';

/** Most flag lines an acknowledgement carries; all of them are stored. */
const ACK_FLAG_LINES = 100;

const flagLine = (f: NewFlag): string => `${f.kind}: ${f.detail}`;

/**
 * Takes a signed upload batch (POST /v1/audit, or a `jinka sync export` file): checks the
 * signature, each entry's hash and the chain, stores each (terminal, seq) once, checks each
 * use (hub/usage/use-checks.ts), flags what the bureau should see, and acknowledges with the
 * cursor (refused uses are stored, so acknowledged too). Storing the same batch again
 * changes nothing and counts its entries as duplicates.
 */
export async function ingestUpload(hub: Hub, jws: string, keys: TerminalKeys, authenticated?: StoredTerminal): Promise<Result<UploadAck & { uses: number; terminal: string }, BatchError>> {
  const read = await readUploadBatch(hub, jws, keys, authenticated);
  if (!read.ok) return read;
  const { batch, terminal } = read.value;
  const receivedMs = hub.now();
  const issuedMs = batchIssuedMs(batch);
  // A file from a USB stick was signed when it was exported, so its iat says nothing of the clock.
  const online = authenticated !== undefined;
  const entries = checkEntries(batch);
  // Each use is judged inside the storing step: a refused use is kept and flagged, never counted or fed.
  const outcome = await ingestEntries(hub.store, terminal.id, entries, receivedMs, online ? issuedMs - receivedMs : null, await useJudge(hub));
  const later = await flagUses(hub, outcome.uses);
  const clock = outcome.accepted > 0 ? await clockFlag(hub, terminal.id, batch.entries, receivedMs, online ? issuedMs : undefined) : undefined;
  if (clock !== undefined) later.push(clock);
  // The terminal's own sequence: an entry stamped before the one before it (a clock set back), judged once.
  if (outcome.accepted > 0) later.push(...(await clockBackFlags(hub, terminal.id, batch.entries, outcome.heldCursor)));
  if (later.length > 0) await hub.store.flags.add(later, receivedMs);
  const flags = [...outcome.flags, ...later].map(flagLine);
  return ok({
    cursor: outcome.cursor,
    accepted: outcome.accepted,
    duplicates: outcome.duplicates,
    hubTime: receivedMs,
    flags: flags.length > ACK_FLAG_LINES ? [...flags.slice(0, ACK_FLAG_LINES - 1), `… and ${flags.length - ACK_FLAG_LINES + 1} more (see jinka-hub report)`] : flags,
    uses: outcome.uses.filter((u) => u.carriedFrom === null).length,
    terminal: terminal.id,
  });
}
