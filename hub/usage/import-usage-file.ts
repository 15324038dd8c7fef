import { AUDIT_ACK_TYP, auditAckPayloadSchema } from '../../shared/sync/audit-ack.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import type { Hub } from '../hub.js';
import { TerminalKeys } from '../terminals/terminal-auth.js';
import { ingestUpload } from './ingest-upload.js';

/** What importing a USB file did. */
export interface UsageFileOutcome {
  batches: number;
  accepted: number;
  duplicates: number;
  uses: number;
  flags: string[];
  /** Lines refused as a whole (bad signature, unknown or disabled terminal). */
  refused: { line: number; message: string }[];
  /** Highest contiguous stored seq per terminal after the import. */
  cursors: Record<string, number>;
}

/**
 * Imports a terminal's `jinka sync export` file: one signed upload batch per line, each
 * taken exactly as POST /v1/audit takes it (idempotent: importing the file twice counts
 * nothing twice). Lines starting with # are comments.
 */
export async function importUsageFile(hub: Hub, text: string): Promise<UsageFileOutcome> {
  const keys = new TerminalKeys();
  const out: UsageFileOutcome = { batches: 0, accepted: 0, duplicates: 0, uses: 0, flags: [], refused: [], cursors: {} };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const result = await ingestUpload(hub, line, keys);
    if (!result.ok) {
      out.refused.push({ line: index + 1, message: `${result.error.code}: ${result.error.message}` });
      continue;
    }
    out.batches += 1;
    out.accepted += result.value.accepted;
    out.duplicates += result.value.duplicates;
    out.uses += result.value.uses;
    out.flags.push(...result.value.flags);
    out.cursors[result.value.terminal] = result.value.cursor;
  }
  return out;
}

/**
 * The acknowledgement a terminal without network imports (`jinka import`) to learn that its
 * log is stored up to `cursor` (shared/sync/audit-ack.ts), signed with the current bureau key.
 */
export async function signAuditAck(hub: Hub, terminal: string, cursor: number): Promise<string> {
  const payload = auditAckPayloadSchema.parse({ iss: hub.settings.iss, typ: AUDIT_ACK_TYP, terminal, cursor, iat: hub.nowSec() });
  const key = await hub.signer();
  return signEs256({ ...payload }, key.privateKey, key.kid);
}
