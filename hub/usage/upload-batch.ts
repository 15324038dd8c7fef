import { auditHash } from '../../node/audit/audit-hash.js';
import { err, ok, type Result } from '../../shared/result.js';
import { uploadBatchSchema, type UploadBatch } from '../../shared/sync/sync-protocol.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import { verifyCompactEs256 } from '../../node/crypto/es256-verify.js';
import type { Hub } from '../hub.js';
import type { CheckedEntry, StoredTerminal } from '../store/hub-store.js';
import type { TerminalKeys } from '../terminals/terminal-auth.js';
import { readUseBody, withoutIdNumber } from './use-body.js';

/** Largest signed batch read (5000 entries of ordinary size fit with room to spare). */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** Why a batch was refused as a whole (nothing stored): a code (HTTP statuses are mapped in hub/server/http-errors.ts) and the bureau's words. */
export interface BatchError {
  code: 'BAD_BATCH' | 'UNKNOWN_TERMINAL' | 'WRONG_TERMINAL' | 'TERMINAL_DISABLED' | 'BAD_SIGNATURE';
  message: string;
}

const refuse = (code: BatchError['code'], message: string): Result<never, BatchError> => err({ code, message });

/**
 * Reads a signed upload batch (a JWS whose payload is an UploadBatch) and checks its
 * signature with the registered key of the terminal it names. `authenticated` is the
 * terminal of the request (HTTP); a file from a USB stick has none.
 */
export async function readUploadBatch(
  hub: Hub,
  jws: string,
  keys: TerminalKeys,
  authenticated?: StoredTerminal,
): Promise<Result<{ batch: UploadBatch; terminal: StoredTerminal }, BatchError>> {
  const text = jws.trim();
  if (text.length > MAX_BATCH_BYTES) return refuse('BAD_BATCH', 'the batch is too large');
  // Which terminal's key to check it with: the request's, or (a file) the one the batch names.
  let terminal = authenticated;
  if (terminal === undefined) {
    const named = (parseCompactJwt(text, MAX_BATCH_BYTES)?.payload as { terminal?: unknown } | undefined)?.terminal;
    if (named === undefined) return refuse('BAD_BATCH', 'not a signed upload batch (compact JWS)');
    terminal = typeof named === 'string' ? await hub.store.terminals.get(named) : undefined;
    if (terminal === undefined) return refuse('UNKNOWN_TERMINAL', `terminal ${JSON.stringify(named)} is not enrolled at this hub`);
  }
  if (terminal.disabledMs !== null) return refuse('TERMINAL_DISABLED', `terminal ${terminal.id} was disabled by the bureau`);
  const verified = verifyCompactEs256(text, keys.keyOf(terminal));
  if (verified === undefined) {
    if (parseCompactJwt(text, MAX_BATCH_BYTES) === undefined) return refuse('BAD_BATCH', 'not a signed upload batch (compact JWS)');
    return refuse('BAD_SIGNATURE', `the batch is not an ES256 JWS signed with the key terminal ${terminal.id} enrolled`);
  }
  const parsed = uploadBatchSchema.safeParse(verified.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('BAD_BATCH', `upload batch: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  if (parsed.data.terminal !== terminal.id) {
    return refuse('WRONG_TERMINAL', `terminal ${terminal.id} cannot upload the batch of terminal ${parsed.data.terminal}`);
  }
  return ok({ batch: parsed.data, terminal });
}

/** Re-checks each entry's hash (electron/core/store/audit-log.ts auditHash) and reads the uses. */
export function checkEntries(batch: UploadBatch): CheckedEntry[] {
  return batch.entries.map((entry) => {
    const hashOk = auditHash(entry.prev_hash, entry.seq, entry.at_ms, entry.kind, entry.body) === entry.hash;
    if (entry.kind !== 'use') return { ...entry, hashOk };
    const read = readUseBody(entry.body);
    // A refused use's body is stored without an ID number it may carry (the hash was checked above).
    return 'use' in read ? { ...entry, hashOk, use: read.use } : { ...entry, body: withoutIdNumber(entry.kind, entry.body), hashOk, useProblem: read.problem };
  });
}

/** The batch's `iat` in ms: NumericDate seconds, or milliseconds (the protocol's other times) when it is that large. */
export function batchIssuedMs(batch: UploadBatch): number {
  return batch.iat < 100_000_000_000 ? batch.iat * 1000 : batch.iat;
}
