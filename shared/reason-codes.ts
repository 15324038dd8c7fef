/** Reason codes of DESIGN.md §6, in the order their groups are evaluated. */
export const REASON_CODES = [
  'MALFORMED',
  'UNSUPPORTED_ALG',
  'UNKNOWN_ISSUER',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'CLAIMS_INVALID',
  'NOT_YET_VALID',
  'EXPIRED',
  'CLOCK_SUSPECT',
  'REVOKED',
  'LISTS_STALE',
  'NOT_ENTITLED',
  'ENTITLEMENT_ENDED',
  'QUOTA_EXHAUSTED',
  'DUPLICATE',
  'COMPANIONS_EXCEEDED',
] as const;

/** A code that may stand in `reasons` (warnings appear here only when escalated). */
export type ReasonCode = (typeof REASON_CODES)[number];

/** Warnings of §6: never reject unless the site's policy escalates them. */
export const WARNING_CODES = ['CLOCK_SUSPECT', 'LISTS_STALE', 'DUPLICATE'] as const;

/** A code that may stand in `warnings`. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** Group of §6 where each code (and each escalated warning) is reported. */
export const REASON_GROUP: Readonly<Record<ReasonCode, number>> = {
  MALFORMED: 1,
  UNSUPPORTED_ALG: 2,
  UNKNOWN_ISSUER: 3,
  UNKNOWN_KEY: 3,
  BAD_SIGNATURE: 4,
  CLAIMS_INVALID: 5,
  NOT_YET_VALID: 6,
  EXPIRED: 6,
  CLOCK_SUSPECT: 6,
  REVOKED: 7,
  LISTS_STALE: 7,
  NOT_ENTITLED: 8,
  ENTITLEMENT_ENDED: 9,
  QUOTA_EXHAUSTED: 9,
  DUPLICATE: 9,
  COMPANIONS_EXCEEDED: 10,
};

/** True when the string is one of the warning codes. */
export function isWarningCode(code: string): code is WarningCode {
  return (WARNING_CODES as readonly string[]).includes(code);
}
