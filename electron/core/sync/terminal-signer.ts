import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { REQUEST_TOKEN_SECONDS, uploadBatchSchema, type AuditEntry, type RequestTokenClaims, type UploadBatch } from '../../../shared/sync/sync-protocol.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';

/** The request a token is made for: it is good for this method, target and body only. */
export interface BoundRequest {
  method: 'GET' | 'POST';
  /** The request target exactly as sent: path and query (`/v1/quota?since=0`). */
  target: string;
  /** The body bytes as sent; none for a GET. */
  body?: string | Uint8Array | undefined;
}

/** base64url SHA-256 of a request body (`bh` of the request token). */
export function bodyHash(body: string | Uint8Array | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('base64url');
}

/** A request token of `terminalId` for one request made at `hubNowMs` (the hub's clock as estimated). */
export function signRequestToken(terminalId: string, key: KeyObject, hubNowMs: number, request: BoundRequest): string {
  const iat = Math.floor(hubNowMs / 1000);
  const claims: RequestTokenClaims = {
    sub: terminalId,
    iat,
    exp: iat + REQUEST_TOKEN_SECONDS,
    jti: randomBytes(16).toString('base64url'),
    htm: request.method,
    htu: request.target,
    bh: bodyHash(request.body),
  };
  return signEs256({ ...claims }, key, terminalId);
}

/**
 * Signs as this terminal: the short-lived request token of the protocol and upload
 * batches. The request token is dated in the hub's clock as this terminal estimates it,
 * so a terminal whose own clock is off can still reach the hub (and is warned); a batch
 * is dated by this terminal's own clock, which lets the hub flag a clock far off.
 */
export class TerminalSigner {
  constructor(readonly terminalId: string, private readonly key: KeyObject) {}

  /** `Authorization: Jinka-Terminal <jwt>` value for `request` made at `hubNowMs`. */
  authorization(hubNowMs: number, request: BoundRequest): string {
    return `Jinka-Terminal ${signRequestToken(this.terminalId, this.key, hubNowMs, request)}`;
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
