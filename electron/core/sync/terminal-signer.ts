import type { KeyObject } from 'node:crypto';
import { uploadBatchSchema, type AuditEntry, type UploadBatch } from '../../../shared/sync/sync-protocol.js';
import { signEs256 } from '../crypto/jws-sign.js';

/** Lifetime of the per-request token (the protocol allows at most 300 s). */
const AUTH_TOKEN_SECONDS = 120;

/**
 * Signs as this terminal: the short-lived request token of the protocol and upload
 * batches. The request token is dated in the hub's clock as this terminal estimates it,
 * so a terminal whose own clock is off can still reach the hub (and is warned); a batch
 * is dated by this terminal's own clock, which lets the hub flag a clock far off.
 */
export class TerminalSigner {
  constructor(readonly terminalId: string, private readonly key: KeyObject) {}

  /** `Authorization: Jinka-Terminal <jwt>` value for a request made at `hubNowMs`. */
  authorization(hubNowMs: number): string {
    const iat = Math.floor(hubNowMs / 1000);
    return `Jinka-Terminal ${signEs256({ sub: this.terminalId, iat, exp: iat + AUTH_TOKEN_SECONDS }, this.key, this.terminalId)}`;
  }

  /** A signed upload batch (the body of POST /v1/audit, and one line of a USB export), dated `localNowMs`. */
  signBatch(entries: readonly AuditEntry[], localNowMs: number): string {
    const batch: UploadBatch = uploadBatchSchema.parse({
      typ: 'jinka/audit-batch',
      terminal: this.terminalId,
      iat: Math.floor(localNowMs / 1000),
      entries,
    });
    return signEs256({ ...batch }, this.key, this.terminalId);
  }
}
