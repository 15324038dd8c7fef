import { z } from 'zod';
import { BENEFICIARIES, type Beneficiary } from './beneficiary.js';
import { HIDDEN_OR_CONTROL } from './clock/clock-reset.js';
import { RELATIONS } from './relations.js';

/**
 * The bounds of what a counter request carries, in one place: the terminal API's schemas,
 * the `jinka verify` options and the terminal core's verify()/record() all take them from
 * here, so no caller can keep or queue a value another would refuse.
 */

/** Longest service id (the rules' ids are `[a-z][a-z0-9_]{0,31}`). */
export const SERVICE_ID_MAX = 32;
/** Longest same-day ticket number (Art. 18, bus green channel), counted after trimming. */
export const TICKET_MAX = 64;
/** Most companions of one relation a request may carry; the rules admit far fewer (Art. 18–20). */
export const COMPANIONS_PER_RELATION_MAX = 20;

/** A service id as a request names it. */
export const serviceIdSchema = z.string().max(SERVICE_ID_MAX);

/**
 * A ticket number as kept: trimmed, 1–TICKET_MAX characters, no control or bidirectional
 * characters (a tab inside one was recorded here and then refused by the hub as a bad use).
 */
export const ticketSchema = z
  .string()
  .trim()
  .min(1)
  .max(TICKET_MAX)
  .refine((t) => !HIDDEN_OR_CONTROL.test(t), { message: 'no control characters' });

/**
 * Companions as a request carries them: known relations only, whole counts 0–COMPANIONS_PER_RELATION_MAX;
 * a relation nobody brings is left out, not sent as undefined (the shape of `Companions`).
 */
export const companionsSchema = z.strictObject(
  Object.fromEntries(RELATIONS.map((r) => [r, z.number().int().min(0).max(COMPANIONS_PER_RELATION_MAX).exactOptional()])) as Record<
    (typeof RELATIONS)[number],
    z.ZodExactOptional<z.ZodNumber>
  >,
);

/** A request field the terminal core refuses. */
export type RequestField = 'service' | 'beneficiary' | 'companions' | 'ticket';

/** What the terminal core is handed: values already read (a parent label, not typed text). */
export interface RequestFields {
  service?: string | undefined;
  beneficiary?: string | undefined;
  companions?: unknown;
  ticket?: string | undefined;
}

const isBeneficiary = (value: string): value is Beneficiary => (BENEFICIARIES as readonly string[]).includes(value);

/**
 * The first field out of its bounds, or undefined: the core's last check for callers that
 * skipped the API schema or the CLI. A beneficiary must already be a stored parent label
 * (shared/beneficiary.ts: Art. 22, never an ID number); a ticket counts once trimmed.
 */
export function fieldOutOfBounds(fields: RequestFields): RequestField | undefined {
  if (fields.service !== undefined && !serviceIdSchema.safeParse(fields.service).success) return 'service';
  if (fields.beneficiary !== undefined && !isBeneficiary(fields.beneficiary)) return 'beneficiary';
  if (fields.companions !== undefined && !companionsSchema.safeParse(fields.companions).success) return 'companions';
  if (fields.ticket !== undefined && (fields.ticket.trim().length > TICKET_MAX || HIDDEN_OR_CONTROL.test(fields.ticket.trim()))) return 'ticket';
  return undefined;
}

/** Each field's bound in words, for one-line refusals. */
export const FIELD_BOUND_TEXT: Readonly<Record<RequestField, string>> = {
  service: `a service id of at most ${SERVICE_ID_MAX} characters`,
  beneficiary: 'father or mother (Art. 22)',
  companions: `known relations, 0 to ${COMPANIONS_PER_RELATION_MAX} of each`,
  ticket: `at most ${TICKET_MAX} characters on one line, no control characters`,
};

/** The terminal core refusing a field out of its bounds; the message never repeats the value (it may be an ID number). */
export class InvalidFieldError extends Error {
  constructor(readonly field: RequestField) {
    super(`${field} is out of bounds (${FIELD_BOUND_TEXT[field]}); nothing was recorded`);
    this.name = 'InvalidFieldError';
  }
}
