import { z } from 'zod';
import { looksLikeIdNumber, parseBeneficiary } from '../../shared/beneficiary.js';
import { companionTotal, type Companions } from '../../shared/relations.js';
import { HIDDEN_OR_CONTROL } from '../../shared/clock/clock-reset.js';
import { numericDateSchema } from '../../shared/time/numeric-date.js';
import type { NewUse } from '../store/hub-store.js';

/**
 * Uploaded text as the hub keeps it: no control characters (U+0000, which PostgreSQL cannot
 * store in a text column, line breaks, escapes) nor bidirectional overrides, which would make a
 * report or the console show another id than the one stored.
 */
export const uploadedText = (min: number, max: number) => z.string().min(min).max(max).refine((s) => !HIDDEN_OR_CONTROL.test(s), { message: 'no control characters' });

/** A problem's words with any control character spelt out (they are stored as a flag's detail). */
const printable = (words: string): string => words.replace(new RegExp(HIDDEN_OR_CONTROL.source, 'gu'), (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);

/**
 * The body of a terminal's 'use' audit entry (electron/core/terminal.ts `record`). Unknown
 * fields are ignored so a newer terminal can add some.
 */
export const useBodySchema = z.object({
  id: uploadedText(1, 64),
  decisionId: uploadedText(1, 64),
  iss: uploadedText(1, 64),
  sub: uploadedText(1, 128),
  tier: uploadedText(0, 8),
  service: uploadedText(1, 32),
  beneficiary: uploadedText(0, 128)
    .default('')
    // Art. 22 takes which parent, never who: an ID number from an old terminal is refused, never stored or fed on (PIPL).
    .refine((b) => !looksLikeIdNumber(b), { message: 'looks like an identity-document number: the use is not kept (Art. 22 takes father or mother)' })
    .transform((b) => {
      const parent = b === '' ? undefined : parseBeneficiary(b);
      return parent?.ok === true ? parent.value : b;
    }),
  atMs: z.number().int(),
  realMs: z.number().int(),
  companions: z.record(uploadedText(0, 32), z.number().int().min(0).max(100)).default({}),
  ticket: uploadedText(0, 64).nullable().default(null),
  // The card token's validity (NumericDate), from terminals that send it; the hub bounds the stamp by it.
  nbf: numericDateSchema.exactOptional(),
  exp: numericDateSchema.exactOptional(),
});

/** Reads a use from an entry body; the problem in words when it cannot. */
export function readUseBody(body: string): { use: NewUse } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: 'the use body is not JSON' };
  }
  const parsed = useBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: printable(`use body: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`) };
  }
  const companions = parsed.data.companions as Companions;
  return { use: { ...parsed.data, companions, companionsTotal: companionTotal(companions) } };
}

/**
 * The entry body as the hub stores it: a use whose beneficiary looks like an ID number keeps
 * everything but that value (the hash was checked on the body as uploaded), so the number is
 * in no table of the hub.
 */
export function withoutIdNumber(kind: string, body: string): string {
  if (kind !== 'use') return body;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  if (typeof json !== 'object' || json === null || !('beneficiary' in json)) return body;
  const { beneficiary } = json;
  return typeof beneficiary === 'string' && looksLikeIdNumber(beneficiary) ? JSON.stringify({ ...json, beneficiary: '' }) : body;
}
