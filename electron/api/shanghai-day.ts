import { fromShanghaiParts, shanghaiDate, type Period } from '../../shared/time/shanghai-calendar.js';

/** A Shanghai calendar day and the instants it spans. */
export interface ShanghaiDay extends Period {
  day: string;
}

/**
 * The Shanghai calendar day `YYYY-MM-DD` as [start, end) in UTC ms (history is kept by
 * Asia/Shanghai days, DESIGN.md §2); today at `nowMs` when no day is given. Undefined
 * for a date that does not exist (2026-02-30).
 */
export function shanghaiDay(day: string | undefined, nowMs: number): ShanghaiDay | undefined {
  const text = day ?? shanghaiDate(nowMs);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = fromShanghaiParts({ year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 });
  if (shanghaiDate(start) !== text) return undefined;
  const end = fromShanghaiParts({ year, month, day: date + 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
  return { day: text, start, end };
}
