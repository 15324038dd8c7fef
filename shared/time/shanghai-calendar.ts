/**
 * Calendar arithmetic in Asia/Shanghai. China has kept UTC+8 without daylight saving
 * since 1991, so a fixed offset is exact for every card the bureau can issue.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A wall-clock reading in Asia/Shanghai (month 1–12). */
export interface ShanghaiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A half-open period [start, end) of UTC epoch milliseconds. */
export interface Period {
  start: number;
  end: number;
}

/** Reads an instant on a Shanghai wall clock. */
export function toShanghaiParts(instantMs: number): ShanghaiParts {
  const d = new Date(instantMs + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The instant a Shanghai wall clock shows these parts. */
export function fromShanghaiParts(p: ShanghaiParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - SHANGHAI_OFFSET_MS;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Start of card-year `index` for a card valid from `nbfMs`: the same Shanghai date and
 * time `index` years later; 29 February falls on 28 February in common years (§6).
 */
export function cardYearStart(nbfMs: number, index: number): number {
  const p = toShanghaiParts(nbfMs);
  const year = p.year + index;
  const day = p.month === 2 && p.day === 29 && !isLeapYear(year) ? 28 : p.day;
  return fromShanghaiParts({ ...p, year, day });
}

/** The card-year containing `atMs` (index 0 is the first; negative before nbf). */
export function cardYearAt(nbfMs: number, atMs: number): Period & { index: number } {
  let index = toShanghaiParts(atMs).year - toShanghaiParts(nbfMs).year;
  while (cardYearStart(nbfMs, index) > atMs) index -= 1;
  while (cardYearStart(nbfMs, index + 1) <= atMs) index += 1;
  return { index, start: cardYearStart(nbfMs, index), end: cardYearStart(nbfMs, index + 1) };
}

/** The Shanghai calendar month containing `atMs`. */
export function calendarMonthAt(atMs: number): Period {
  const p = toShanghaiParts(atMs);
  const first = { ...p, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  const next = p.month === 12 ? { ...first, year: p.year + 1, month: 1 } : { ...first, month: p.month + 1 };
  return { start: fromShanghaiParts(first), end: fromShanghaiParts(next) };
}

/** The Shanghai calendar day containing `atMs`, from its 00:00 to the next day's. */
export function shanghaiDayAt(atMs: number): Period {
  const first = { ...toShanghaiParts(atMs), hour: 0, minute: 0, second: 0, millisecond: 0 };
  return { start: fromShanghaiParts(first), end: fromShanghaiParts({ ...first, day: first.day + 1 }) };
}

const DAY = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/**
 * A Shanghai calendar day written YYYY-MM-DD (or with `/` or `.`, one-digit month and day
 * allowed), from its 00:00 to the next day's; undefined for text that is no day or a day that
 * does not exist (2026-02-30).
 */
export function parseShanghaiDay(text: string): Period | undefined {
  const m = DAY.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const first = { year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return { start: fromShanghaiParts(first), end: fromShanghaiParts({ ...first, day: day + 1 }) };
}

/**
 * Shanghai days `from` through `to`, both included, as instants: from the first's 00:00 to the
 * 00:00 after the last (half-open); an end not given is left open. Throws on text that is no day
 * (callers have checked it, e.g. with shanghaiDaySchema).
 */
export function shanghaiDaysRange(from: string, to: string): { fromMs: number; toMs: number };
export function shanghaiDaysRange(from: string | undefined, to: string | undefined): { fromMs?: number; toMs?: number };
export function shanghaiDaysRange(from: string | undefined, to: string | undefined): { fromMs?: number; toMs?: number } {
  const day = (text: string): Period => {
    const found = parseShanghaiDay(text);
    if (found === undefined) throw new RangeError(`not a calendar day: ${text.slice(0, 40)}`);
    return found;
  };
  return { ...(from === undefined ? {} : { fromMs: day(from).start }), ...(to === undefined ? {} : { toMs: day(to).end }) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats an instant as Shanghai local time with its offset, e.g. 2027-06-01T00:00:00+08:00. */
export function formatShanghai(instantMs: number): string {
  const p = toShanghaiParts(instantMs);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** The Shanghai calendar date of an instant, e.g. 2026-03-01. */
export function shanghaiDate(instantMs: number): string {
  return formatShanghai(instantMs).slice(0, 10);
}

/**
 * The last Shanghai calendar date of a half-open period ending at `endMs` (excluded): a card's
 * last valid day from its `exp` (§4), a month's last day from the next month's 00:00.
 */
export function lastShanghaiDate(endMs: number): string {
  return shanghaiDate(endMs - 1);
}

/**
 * A validity as Shanghai dates, both included, as the console and the hub's command line show
 * it: `untilMs` is the first instant no longer valid (exp, §4), e.g. `2026-06-01 – 2027-05-31`.
 */
export function validDays(fromMs: number, untilMs: number): string {
  return `${shanghaiDate(fromMs)} – ${lastShanghaiDate(untilMs)}`;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO-8601 instant that carries its offset (`…+08:00`, without seconds, or `…Z`).
 * Returns undefined for anything else, including a time without offset or an impossible date.
 */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const zone = m[8] as string;
  if (zone === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offHours = Number(zone.slice(1, 3));
  const offMinutes = Number(zone.slice(4, 6));
  if (offHours > 14 || offMinutes > 59) return undefined;
  return local - sign * (offHours * 60 + offMinutes) * 60_000;
}
