import { auditAckPayloadSchema, AUDIT_ACK_TYP } from '../../../shared/sync/audit-ack.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { fieldText, parseCompactJwt } from '../../../shared/token/compact-jwt.js';
import type { ImportError } from '../bundles/import-errors.js';
import { es256SignatureValid } from '../../../node/crypto/es256-verify.js';
import { storesOf, type Terminal } from '../terminal.js';

/** What importing an acknowledgement did to the upload cursor. */
export interface AckOutcome {
  kind: 'audit-ack';
  terminal: string;
  cursor: number;
  previous: number;
}

/** Why an acknowledgement was refused (the cursor is unchanged). */
export interface AckError {
  code: ImportError['code'] | 'NOT_ENROLLED' | 'OTHER_TERMINAL';
  message: string;
}

const MAX_ACK_LENGTH = 8192;

/** True when the text is a compact JWS whose payload says it is an audit acknowledgement (unverified peek). */
export function isAuditAck(text: string): boolean {
  const jwt = parseCompactJwt(text.trim(), MAX_ACK_LENGTH);
  return jwt?.payload.typ === AUDIT_ACK_TYP;
}

/**
 * Applies a hub-issued acknowledgement (the USB round trip): verified like a bundle with
 * the trust list, addressed to this terminal, and only ever moving the cursor forward,
 * never past this terminal's own log.
 */
export function importAuditAck(terminal: Terminal, text: string): Result<AckOutcome, AckError> {
  const stores = storesOf(terminal);
  const jwt = parseCompactJwt(text.trim(), MAX_ACK_LENGTH);
  if (jwt === undefined) return err({ code: 'NOT_A_BUNDLE', message: 'not a signed acknowledgement' });
  if (jwt.header.alg !== 'ES256') return err({ code: 'UNSUPPORTED_ALG', message: 'acknowledgements must be signed with ES256' });
  const { iss } = jwt.payload;
  const { kid } = jwt.header;
  const key = typeof iss === 'string' && typeof kid === 'string' ? stores.trust.key(iss, kid, 'list') : undefined;
  if (key === undefined) return err({ code: 'UNKNOWN_KEY', message: `no trusted key ${fieldText(kid)} of ${fieldText(iss)}` });
  if (!es256SignatureValid(text.trim(), key)) return err({ code: 'BAD_SIGNATURE', message: 'the acknowledgement signature does not verify' });
  const parsed = auditAckPayloadSchema.safeParse(jwt.payload);
  if (!parsed.success) return err({ code: 'INVALID', message: `acknowledgement: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
  const enrolment = stores.sync.enrolment();
  if (enrolment === undefined) return err({ code: 'NOT_ENROLLED', message: 'this terminal is not enrolled' });
  if (parsed.data.terminal !== enrolment.terminalId) {
    return err({ code: 'OTHER_TERMINAL', message: `the acknowledgement is for terminal ${parsed.data.terminal}, this is ${enrolment.terminalId}` });
  }
  return ok(
    stores.transaction(() => {
      const previous = stores.sync.uploadCursor();
      const cursor = Math.max(previous, Math.min(parsed.data.cursor, stores.auditQueue.headSeq()));
      if (cursor !== previous) {
        stores.sync.setUploadCursor(cursor);
        stores.audit.append('import', terminal.now(), { kind: 'audit-ack', terminal: parsed.data.terminal, cursor, previous });
      }
      return { kind: 'audit-ack' as const, terminal: parsed.data.terminal, cursor, previous };
    }),
  );
}
