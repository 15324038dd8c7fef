import { describe, expect, it } from 'vitest';
import {
  calendarMonthAt,
  cardYearAt,
  cardYearStart,
  formatShanghai,
  fromShanghaiParts,
  lastShanghaiDate,
  parseInstant,
  parseShanghaiDay,
  shanghaiDate,
  shanghaiDayAt,
  shanghaiDaysRange,
  toShanghaiParts,
  validDays,
} from '../../../shared/time/shanghai-calendar.js';

const at = (iso: string): number => Date.parse(iso);

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('parseInstant (§7 --at)', () => {
  it('accepts an instant with +08:00', () => {
    expect(parseInstant('2026-03-01T10:00:00+08:00')).toBe(utc(2026, 3, 1, 2));
  });

  it('accepts +08:00 without seconds', () => {
    expect(parseInstant('2026-03-01T10:00+08:00')).toBe(utc(2026, 3, 1, 2));
  });

  it('accepts Z', () => {
    expect(parseInstant('2026-03-01T02:00:00Z')).toBe(utc(2026, 3, 1, 2));
    expect(parseInstant('2026-03-01T02:00Z')).toBe(utc(2026, 3, 1, 2));
  });

  it('accepts other offsets, negative ones included', () => {
    expect(parseInstant('2026-02-28T21:00:00-05:00')).toBe(utc(2026, 3, 1, 2));
    expect(parseInstant('2026-03-01T07:45:00+05:45')).toBe(utc(2026, 3, 1, 2));
  });

  it('accepts fractional seconds', () => {
    expect(parseInstant('2026-03-01T10:00:00.5+08:00')).toBe(utc(2026, 3, 1, 2, 0, 0, 500));
    expect(parseInstant('2026-03-01T10:00:00.123456789Z')).toBe(utc(2026, 3, 1, 10, 0, 0, 123));
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseInstant('2028-02-29T00:00:00+08:00')).toBe(utc(2028, 2, 28, 16));
  });

  it.each([
    ['no offset', '2026-03-01T10:00:00'],
    ['no offset, no seconds', '2026-03-01T10:00'],
    ['a date only', '2026-03-01'],
    ['impossible 30 February', '2026-02-30T10:00:00+08:00'],
    ['29 February in a common year', '2027-02-29T10:00:00+08:00'],
    ['31 April', '2026-04-31T10:00:00+08:00'],
    ['month 13', '2026-13-01T10:00:00+08:00'],
    ['month 00', '2026-00-10T10:00:00+08:00'],
    ['day 00', '2026-03-00T10:00:00+08:00'],
    ['hour 24', '2026-03-01T24:00:00+08:00'],
    ['minute 60', '2026-03-01T10:60:00+08:00'],
    ['second 60', '2026-03-01T10:00:60+08:00'],
    ['offset without colon', '2026-03-01T10:00:00+0800'],
    ['offset hours only', '2026-03-01T10:00:00+08'],
    ['offset beyond +14:00', '2026-03-01T10:00:00+15:00'],
    ['offset minutes 60', '2026-03-01T10:00:00+08:60'],
    ['a space instead of T', '2026-03-01 10:00:00+08:00'],
    ['lower-case z', '2026-03-01T02:00:00z'],
    ['a Unix time', '1772330400'],
    ['empty', ''],
  ])('rejects %s', (_label, text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('toShanghaiParts / fromShanghaiParts', () => {
  it('reads 15:30Z on 31 March as 23:30 Shanghai time the same day', () => {
    expect(toShanghaiParts(utc(2026, 3, 31, 15, 30))).toEqual({ year: 2026, month: 3, day: 31, hour: 23, minute: 30, second: 0, millisecond: 0 });
  });

  it('reads 16:00Z on 31 December as midnight of 1 January in Shanghai', () => {
    expect(toShanghaiParts(utc(2026, 12, 31, 16))).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0 });
  });

  it('round-trips', () => {
    for (const t of [0, utc(2028, 2, 28, 21), utc(2026, 12, 31, 16), utc(2026, 6, 1, 2, 3, 4, 5)]) {
      expect(fromShanghaiParts(toShanghaiParts(t))).toBe(t);
    }
  });
});

describe('formatShanghai / shanghaiDate', () => {
  it('formats as YYYY-MM-DDTHH:MM:SS+08:00', () => {
    expect(formatShanghai(utc(2027, 2, 28, 16))).toBe('2027-03-01T00:00:00+08:00');
    expect(formatShanghai(utc(2026, 1, 5, 1, 2, 3, 999))).toBe('2026-01-05T09:02:03+08:00');
  });

  it('gives the Shanghai calendar date, which may be a day after the UTC date', () => {
    expect(shanghaiDate(utc(2026, 3, 31, 16))).toBe('2026-04-01');
    expect(shanghaiDate(utc(2026, 3, 31, 15, 59, 59))).toBe('2026-03-31');
  });

  it('names the last day of a period that ends at a Shanghai midnight, and a validity by its days, both included (§4 exp excluded)', () => {
    expect(lastShanghaiDate(at('2027-06-01T00:00:00+08:00'))).toBe('2027-05-31');
    expect(lastShanghaiDate(at('2027-06-01T00:00:00.001+08:00'))).toBe('2027-06-01');
    expect(validDays(at('2026-06-01T00:00:00+08:00'), at('2027-06-01T00:00:00+08:00'))).toBe('2026-06-01 – 2027-05-31');
    expect(validDays(at('2026-06-01T09:30:00+08:00'), at('2026-06-01T09:30:01+08:00'))).toBe('2026-06-01 – 2026-06-01');
  });
});

describe('cardYearStart (§6 card-years)', () => {
  const nbf = parseInstant('2026-03-01T09:30:00+08:00')!;

  it('is nbf itself for index 0 and the same Shanghai date and time later', () => {
    expect(cardYearStart(nbf, 0)).toBe(nbf);
    expect(formatShanghai(cardYearStart(nbf, 1))).toBe('2027-03-01T09:30:00+08:00');
    expect(formatShanghai(cardYearStart(nbf, 3))).toBe('2029-03-01T09:30:00+08:00');
    expect(formatShanghai(cardYearStart(nbf, -1))).toBe('2025-03-01T09:30:00+08:00');
  });

  it('puts 29 February on 28 February in common years and back on 29 February in leap years', () => {
    const leap = parseInstant('2028-02-29T10:00:00+08:00')!;
    expect(formatShanghai(cardYearStart(leap, 1))).toBe('2029-02-28T10:00:00+08:00');
    expect(formatShanghai(cardYearStart(leap, 3))).toBe('2031-02-28T10:00:00+08:00');
    expect(formatShanghai(cardYearStart(leap, 4))).toBe('2032-02-29T10:00:00+08:00');
  });

  it('judges 29 February by the Shanghai date, not the UTC date', () => {
    const leap = parseInstant('2028-02-29T05:00:00+08:00')!; // 28 February in UTC
    expect(formatShanghai(cardYearStart(leap, 1))).toBe('2029-02-28T05:00:00+08:00');
    const notLeapDay = parseInstant('2028-03-01T02:00:00+08:00')!; // 29 February in UTC
    expect(formatShanghai(cardYearStart(notLeapDay, 1))).toBe('2029-03-01T02:00:00+08:00');
  });
});

describe('cardYearAt', () => {
  const nbf = parseInstant('2026-03-01T00:00:00+08:00')!;
  const anniversary = parseInstant('2027-03-01T00:00:00+08:00')!;

  it('switches card-year exactly at the anniversary instant', () => {
    expect(cardYearAt(nbf, anniversary - 1)).toEqual({ index: 0, start: nbf, end: anniversary });
    expect(cardYearAt(nbf, anniversary)).toEqual({ index: 1, start: anniversary, end: parseInstant('2028-03-01T00:00:00+08:00') });
  });

  it('is index 0 at nbf and negative before it', () => {
    expect(cardYearAt(nbf, nbf).index).toBe(0);
    expect(cardYearAt(nbf, nbf - 1).index).toBe(-1);
  });

  it('finds far card-years', () => {
    expect(cardYearAt(nbf, parseInstant('2040-02-28T23:59:59+08:00')!).index).toBe(13);
    expect(cardYearAt(nbf, parseInstant('2040-03-01T00:00:00+08:00')!).index).toBe(14);
  });
});

describe('calendarMonthAt', () => {
  it('returns the Shanghai month containing the instant', () => {
    const m = calendarMonthAt(parseInstant('2026-03-31T23:30:00+08:00')!);
    expect(formatShanghai(m.start)).toBe('2026-03-01T00:00:00+08:00');
    expect(formatShanghai(m.end)).toBe('2026-04-01T00:00:00+08:00');
  });

  it('starts a month at Shanghai midnight (16:00Z the day before)', () => {
    const start = parseInstant('2026-04-01T00:00:00+08:00')!;
    expect(calendarMonthAt(start).start).toBe(start);
    expect(calendarMonthAt(start - 1).end).toBe(start);
  });

  it('rolls December into the next year and handles February', () => {
    const dec = calendarMonthAt(parseInstant('2026-12-31T23:59:59+08:00')!);
    expect(formatShanghai(dec.end)).toBe('2027-01-01T00:00:00+08:00');
    const feb = calendarMonthAt(parseInstant('2028-02-29T12:00:00+08:00')!);
    expect([formatShanghai(feb.start), formatShanghai(feb.end)]).toEqual(['2028-02-01T00:00:00+08:00', '2028-03-01T00:00:00+08:00']);
  });
});

/** One home for "a Shanghai calendar day as instants": card validity, card and usage ranges, the overview's today. */
describe('shanghaiDayAt / parseShanghaiDay / shanghaiDaysRange', () => {
  it('the day around an instant runs from its 00:00 to the next 00:00 in Shanghai, at either edge', () => {
    const day = { start: at('2026-12-31T00:00:00+08:00'), end: at('2027-01-01T00:00:00+08:00') };
    expect(shanghaiDayAt(day.start)).toEqual(day);
    expect(shanghaiDayAt(day.end - 1)).toEqual(day);
    expect(shanghaiDayAt(day.end).start).toBe(day.end);
  });

  it('reads a day in the forms staff and rosters write it, and refuses a day that does not exist', () => {
    const june1 = { start: at('2026-06-01T00:00:00+08:00'), end: at('2026-06-02T00:00:00+08:00') };
    for (const text of ['2026-06-01', '2026/6/1', ' 2026.06.01 ']) expect(parseShanghaiDay(text)).toEqual(june1);
    expect(parseShanghaiDay('2024-02-29')?.end).toBe(at('2024-03-01T00:00:00+08:00'));
    for (const text of ['2026-02-30', '2026-13-01', '2026-06-01T00:00:00+08:00', '']) expect(parseShanghaiDay(text)).toBeUndefined();
  });

  it('a range of days includes both ends; an end not given stays open; a non-day throws', () => {
    expect(shanghaiDaysRange('2026-06-01', '2026-06-30')).toEqual({ fromMs: at('2026-06-01T00:00:00+08:00'), toMs: at('2026-07-01T00:00:00+08:00') });
    expect(shanghaiDaysRange(undefined, '2026-06-30')).toEqual({ toMs: at('2026-07-01T00:00:00+08:00') });
    expect(shanghaiDaysRange(undefined, undefined)).toEqual({});
    expect(() => shanghaiDaysRange('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});
