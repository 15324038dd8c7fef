import { parseInstant, parseShanghaiDay } from '../../shared/time/shanghai-calendar.js';

/** valid_from: a date means 00:00 Shanghai that day; an ISO instant with offset is taken as it is. */
export function parseValidFrom(text: string): number | undefined {
  return parseShanghaiDay(text)?.start ?? parseInstant(text);
}

/**
 * valid_until: a date is the last day the card is valid, so `exp` (excluded, §4) is 00:00
 * Shanghai the day after; an ISO instant with offset is `exp` itself.
 */
export function parseValidUntil(text: string): number | undefined {
  return parseShanghaiDay(text)?.end ?? parseInstant(text);
}

/** Longest validity the hub issues; a longer one is almost surely a typing error. */
export const MAX_VALIDITY_YEARS = 10;

/** Why a validity period is refused, or undefined. */
export function validityProblem(nbfMs: number, expMs: number, nowMs: number): string | undefined {
  if (expMs <= nbfMs) return 'valid_until must be after valid_from';
  if (expMs <= nowMs) return 'the card would already have expired';
  if (expMs - nbfMs > MAX_VALIDITY_YEARS * 366 * 86_400_000) return `validity longer than ${MAX_VALIDITY_YEARS} years`;
  return undefined;
}
