import { parseShanghaiDay, shanghaiDate, type Period } from '../../shared/time/shanghai-calendar.js';

/** A Shanghai calendar day and the instants it spans. */
export interface ShanghaiDay extends Period {
  day: string;
}

/**
 * The Shanghai calendar day `YYYY-MM-DD` as [start, end) in UTC ms (history is kept by
 * Asia/Shanghai days, DESIGN.md §2); today at `nowMs` when no day is given. Undefined
 * for a date that does not exist (2026-02-30). The day is named as shanghaiDate writes it.
 */
export function shanghaiDay(day: string | undefined, nowMs: number): ShanghaiDay | undefined {
  const range = parseShanghaiDay(day ?? shanghaiDate(nowMs));
  return range === undefined ? undefined : { day: shanghaiDate(range.start), ...range };
}
