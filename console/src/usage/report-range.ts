import { usageQuerySchema, type UsageQuery } from '../../../shared/console/usage-api.js';
import { bureauDay } from '../app/format-time.js';

/** The quick picks of the usage page. */
export type QuickRange = 'today' | 'thisMonth' | 'lastMonth';

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A range of Shanghai calendar days (Asia/Shanghai, whatever the browser's zone) around the instant `nowMs`. */
export function quickRange(pick: QuickRange, nowMs: number): UsageQuery {
  const today = bureauDay(nowMs);
  if (pick === 'today') return { from: today, to: today };
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  if (pick === 'lastMonth') {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  const head = `${year}-${pad(month)}`;
  return { from: `${head}-01`, to: `${head}-${pad(lastDayOf(year, month))}` };
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
