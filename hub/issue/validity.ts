import { fromShanghaiParts, parseInstant } from '../../shared/time/shanghai-calendar.js';

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

function shanghaiMidnight(text: string, addDays: number): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return fromShanghaiParts({ year, month, day: day + addDays, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** valid_from: a date means 00:00 Shanghai that day; an ISO instant with offset is taken as it is. */
export function parseValidFrom(text: string): number | undefined {
  return shanghaiMidnight(text, 0) ?? parseInstant(text);
}

/**
 * valid_until: a date is the last day the card is valid, so `exp` (excluded, §4) is 00:00
 * Shanghai the day after; an ISO instant with offset is `exp` itself.
 */
export function parseValidUntil(text: string): number | undefined {
  return shanghaiMidnight(text, 1) ?? parseInstant(text);
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
