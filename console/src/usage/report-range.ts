import { usageQuerySchema, type UsageQuery } from '../../../shared/console/usage-api.js';
import { calendarMonthAt, lastShanghaiDate, shanghaiDate } from '../../../shared/time/shanghai-calendar.js';

/** The quick picks of the usage page. */
export type QuickRange = 'today' | 'thisMonth' | 'lastMonth';

/** A range of Shanghai calendar days (the hub's calendar, whatever the browser's zone) around the instant `nowMs`. */
export function quickRange(pick: QuickRange, nowMs: number): UsageQuery {
  if (pick === 'today') return { from: shanghaiDate(nowMs), to: shanghaiDate(nowMs) };
  const thisMonth = calendarMonthAt(nowMs);
  const month = pick === 'thisMonth' ? thisMonth : calendarMonthAt(thisMonth.start - 1);
  return { from: shanghaiDate(month.start), to: lastShanghaiDate(month.end) };
}

/** Why the hub would refuse this range (the contract's own check: usageQuerySchema), or undefined when it is good. */
export function rangeProblem(range: UsageQuery): 'order' | 'length' | 'day' | undefined {
  const checked = usageQuerySchema.safeParse(range);
  if (checked.success) return undefined;
  const issues = checked.error.issues;
  // A day that is not one (a path names the field) makes the range checks meaningless: say that first.
  if (issues.some((i) => i.path.length > 0)) return 'day';
  if (issues.some((i) => i.message.includes('after'))) return 'order';
  return 'length';
}

/** The query string of a range, for the report and its exports alike. */
export const rangeQuery = (range: UsageQuery): string => new URLSearchParams({ from: range.from, to: range.to }).toString();
