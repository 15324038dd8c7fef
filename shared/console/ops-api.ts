import { z } from 'zod';
import { HIDDEN_OR_CONTROL } from '../clock/clock-reset.js';
import { parseShanghaiDay } from '../time/shanghai-calendar.js';

/**
 * What the console's overview, terminal, usage, flag, rules and key routes share (README "The
 * bureau's console"): their refusal codes and the checked free text staff type (reasons, notes).
 */

/** Refusal codes of these routes, besides the console's own (NOT_FOUND, BAD_REQUEST, FORBIDDEN, CSRF…). */
export type OpsErrorCode =
  /** The rules in force have no such service (an enrolment for it would enrol nothing usable). */
  | 'UNKNOWN_SERVICE'
  /** No trust version a new terminal could pin: provision by USB. */
  | 'NO_TRUST_ANCHOR'
  /** The hub was started without `--public-url`: an enrolment QR would have no trustworthy hub URL. */
  | 'PUBLIC_URL_UNSET'
  /** The terminal is disabled already. */
  | 'ALREADY_DISABLED'
  /** The flag is resolved already. */
  | 'ALREADY_RESOLVED'
  /** The uploaded rules are not JSON or fail the rules schema. */
  | 'RULES_INVALID'
  /** The preview token does not match these bytes, or it expired. */
  | 'PREVIEW_MISMATCH'
  /** Another version was published after the preview: preview again. */
  | 'PREVIEW_STALE'
  /** The uploaded rules are identical to the version in force. */
  | 'RULES_UNCHANGED'
  /** The hub passphrase given to unseal a new key is wrong. */
  | 'WRONG_PASSPHRASE'
  /** Five passphrase tries by one admin within 15 minutes (each costs the hub an scrypt): wait. */
  | 'PASSPHRASE_TRIES'
  /** The key is the current signing key, the trust key in force, or retired already. */
  | 'KEY_NOT_RETIRABLE'
  /** A foreign issuer's keys file is not JSON, holds no public P-256 key, holds private key material, or is too large. */
  | 'ISSUER_KEYS_REFUSED'
  /** The issuer or one of its keys is the bureau's own: the bureau's keys are rotated, never registered as another issuer's. */
  | 'ISSUER_NOT_FOREIGN'
  /** The relayed list fails a check a terminal makes (signature, registered issuer and key, sequence step). */
  | 'RELAY_REFUSED';

/** A reason or note typed by staff: trimmed, 1–500 characters, one line of text. */
export const staffNoteSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((s) => !HIDDEN_OR_CONTROL.test(s), 'no line breaks or control characters');

/**
 * A Shanghai calendar day as staff pick it (YYYY-MM-DD): one that parseShanghaiDay reads, so
 * shanghaiDaysRange never throws on it (no 30 February, no year below 100).
 */
export const shanghaiDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD')
  .refine((d) => parseShanghaiDay(d) !== undefined, 'no such day');

/** Uses and companions of one group. */
export const tallySchema = z.strictObject({ uses: z.number().int(), companions: z.number().int() });
export type TallyView = z.infer<typeof tallySchema>;
