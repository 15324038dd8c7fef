import { z } from 'zod';
import { BUREAU_ISS } from '../bundles/bundle-schemas.js';

/** `typ` of a hub-issued upload acknowledgement file. */
export const AUDIT_ACK_TYP = 'jinka/audit-ack';

/**
 * A hub-issued acknowledgement for a site without network (the USB round trip): after
 * `jinka-hub import-usage`, the bureau signs "terminal T's audit log is stored up to
 * `cursor`" with a current `lc-hrss` key, and `jinka import` of that file advances the
 * terminal's upload cursor. It is a JWS like every bundle (§5), verified with the same
 * trust list; it only ever moves the cursor forward and never past the terminal's own log.
 */
export const auditAckPayloadSchema = z.object({
  iss: z.literal(BUREAU_ISS),
  typ: z.literal(AUDIT_ACK_TYP),
  terminal: z.string().min(1).max(32),
  cursor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  iat: z.number().int().min(0),
});
/** An audit acknowledgement's payload. */
export type AuditAckPayload = z.infer<typeof auditAckPayloadSchema>;
