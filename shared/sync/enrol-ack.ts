import { z } from 'zod';
import { BUREAU_ISS } from '../bundles/bundle-schemas.js';
import { thumbprintSchema } from './enrol-qr.js';

/** `typ` of the hub's signed enrolment answer. */
export const ENROL_ACK_TYP = 'jinka/enrol-ack';

/**
 * Compatible extension of POST /v1/enrol (README "One scan to set up a terminal"): a request
 * with `"ack": true` gets, beside the answer, `ack`, a JWS signed with a current bureau key
 * (usage `list`, as `jinka/audit-ack`) saying "terminal T with key thumbprint J is enrolled
 * for this site and service, and trust version V is in force". A terminal enrolling by QR
 * checks it with the trust list it just checked: a hub that only replays the bureau's public
 * lists holds no bureau key and cannot make one, and one relaying to the real hub gets an
 * answer naming the version in force, so a rolled-back chain is seen. Older terminals do not
 * ask, and are answered as before. Second compatible extension: `url`, the hub's public URL
 * (`jinka-hub serve --public-url`) when it has one, which the terminal keeps instead of the URL
 * its QR was printed with (an older terminal's schema drops the member).
 */
export const enrolAckPayloadSchema = z.object({
  iss: z.literal(BUREAU_ISS),
  typ: z.literal(ENROL_ACK_TYP),
  terminal: z.string().min(1).max(32),
  jkt: thumbprintSchema,
  site: z.string().min(1).max(100),
  service: z.string().min(1).max(32),
  trust_version: z.number().int().min(0).max(2 ** 31 - 1),
  iat: z.number().int().min(0),
  /** The hub's address as the bureau published it for terminals (bounded as the QR's `url`). */
  url: z.string().min(1).max(300).optional(),
});
/** An enrolment acknowledgement's payload. */
export type EnrolAckPayload = z.infer<typeof enrolAckPayloadSchema>;
