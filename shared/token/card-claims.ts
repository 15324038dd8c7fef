import { z } from 'zod';
import { numericDateSchema } from '../time/numeric-date.js';
import { TIERS } from '../rules/rules-schema.js';

const numericDate = numericDateSchema;
const codePoints = (s: string): number => [...s].length;

/** The claims of a card token (DESIGN.md §4); unknown claims are ignored. */
export const cardClaimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).max(128),
  tier: z.enum(TIERS),
  cat: z.number().int().min(1).max(5),
  name: z.string().min(1).refine((s) => codePoints(s) <= 32, 'name: at most 32 characters'),
  idt: z.string().refine((s) => codePoints(s) === 4, 'idt: exactly 4 characters'),
  iat: numericDate,
  nbf: numericDate,
  exp: numericDate,
});

/** Validated card claims. */
export type CardClaims = z.infer<typeof cardClaimsSchema>;

/** The six claims shown for a card once its signature has verified, as the token has them (§7). */
export interface CardSummary {
  iss: unknown;
  sub: unknown;
  tier: unknown;
  cat: unknown;
  name: unknown;
  idt: unknown;
}

/** Picks the six displayed claims from a verified payload; a missing claim shows as null. */
export function cardSummary(payload: Record<string, unknown>): CardSummary {
  const pick = (key: keyof CardSummary): unknown => (key in payload ? payload[key] : null);
  return { iss: pick('iss'), sub: pick('sub'), tier: pick('tier'), cat: pick('cat'), name: pick('name'), idt: pick('idt') };
}
