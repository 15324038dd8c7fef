import { z } from 'zod';
import { err, ok, type Result } from '../result.js';

/**
 * The enrolment QR: pretixSCAN's device handshake `{"handshake_version": 1, "url", "token"}`
 * (the hub's address and the one-time enrolment code), and one compatible extension,
 * `jinka_trust_key_thumbprint`: the RFC 7638 thumbprint (SHA-256, base64url) of a bureau key
 * with usage `trust` (DESIGN.md §5). A terminal that trusts no issuer yet fetches the hub's
 * signed trust list and pins it only when that key signed it, so a QR is all a new terminal
 * needs and a hostile hub named in a forged QR cannot plant its own keys (README "One scan").
 */
export const ENROL_QR_MAX_CHARS = 1024;

/** A thumbprint: 32 bytes of SHA-256 as base64url without padding. */
export const thumbprintSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an RFC 7638 SHA-256 thumbprint (43 base64url characters)');

/** What the enrolment QR holds (unknown members, e.g. a later pretix field, are ignored). */
export const enrolQrSchema = z.object({
  handshake_version: z.literal(1),
  url: z.string().min(1).max(300),
  token: z.string().trim().min(6).max(64),
  jinka_trust_key_thumbprint: thumbprintSchema,
  /**
   * Compatible extension: the newest trust version in force when the QR was made. A terminal
   * refuses a chain ending below it (`ROLLED_BACK`), so a hub impersonated behind a genuine QR
   * (a hostile network or DNS answering for its URL) cannot pin an older genuine version, one
   * still listing a key the bureau removed. A forged QR sets this member as it likes, so it is
   * no defence there: the hub's signed enrolment answer is (shared/sync/enrol-ack.ts). Absent
   * on QRs printed before it existed: then nothing more is checked.
   */
  jinka_trust_min_version: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
/** A parsed enrolment QR. */
export type EnrolQr = z.infer<typeof enrolQrSchema>;

/** Why a scanned text is not an enrolment QR (worded by the CLI and the counter). */
export type EnrolQrProblem = 'TOO_LONG' | 'NOT_JSON' | 'NOT_ENROL_QR';

/**
 * Parses scanned or typed QR text: at most ENROL_QR_MAX_CHARS (checked before parsing, so a
 * huge payload costs nothing), JSON, and the schema above.
 */
export function parseEnrolQr(text: string): Result<EnrolQr, EnrolQrProblem> {
  if (text.length > ENROL_QR_MAX_CHARS) return err('TOO_LONG');
  let json: unknown;
  try {
    json = JSON.parse(text.trim());
  } catch {
    return err('NOT_JSON');
  }
  const parsed = enrolQrSchema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err('NOT_ENROL_QR');
}

/** The QR text for a hub URL, a code, the trust key's thumbprint and the trust version in force (compact JSON, members in this order). */
export function enrolQrText(qr: { url: string; token: string; thumbprint: string; trustMinVersion?: number | undefined }): string {
  const payload: EnrolQr = {
    handshake_version: 1,
    url: qr.url,
    token: qr.token,
    jinka_trust_key_thumbprint: qr.thumbprint,
    ...(qr.trustMinVersion !== undefined && { jinka_trust_min_version: qr.trustMinVersion }),
  };
  return JSON.stringify(payload);
}

/** Why the hub refused an enrolment code (its error answer's code; hub/store EnrolRefusal). */
export type CodeRefusal = 'UNKNOWN_CODE' | 'CODE_USED' | 'CODE_EXPIRED' | 'WRONG_PLACE' | 'TERMINAL_EXISTS';
/** Every code refusal, for reading one out of an error answer. */
export const CODE_REFUSALS: readonly CodeRefusal[] = ['UNKNOWN_CODE', 'CODE_USED', 'CODE_EXPIRED', 'WRONG_PLACE', 'TERMINAL_EXISTS'];

/**
 * Why a trust list fetched for an enrolment QR is not pinned: not a signed trust bundle
 * (`NOT_TRUST_BUNDLE`), no bureau key in it has the QR's thumbprint (`NO_SUCH_KEY`: a hub
 * other than the bureau's, or a QR printed before the trust key changed), that key may not
 * sign trust (`KEY_MAY_NOT_SIGN_TRUST`), it did not sign this list (`NOT_SIGNED_BY_KEY`), or a
 * version after it is not the next one signed by a trust key of the one before (`BROKEN_CHAIN`),
 * or the newest version is older than the one the QR was printed under or the hub's signed
 * enrolment answer names (`ROLLED_BACK`), or the hub's answer carries no enrolment
 * acknowledgement signed by a bureau key of that list for this terminal (`NOT_ACKED`).
 */
export type TrustCheckProblem = 'NOT_TRUST_BUNDLE' | 'NO_SUCH_KEY' | 'KEY_MAY_NOT_SIGN_TRUST' | 'NOT_SIGNED_BY_KEY' | 'BROKEN_CHAIN' | 'ROLLED_BACK' | 'NOT_ACKED';
