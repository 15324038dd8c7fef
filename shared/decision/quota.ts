import type { QuotaRule } from '../rules/rules-schema.js';
import { calendarMonthAt, cardYearAt, cardYearStart, formatShanghai } from '../time/shanghai-calendar.js';
import type { QuotaView } from './decision-types.js';

/** Counts recorded uses stamped in [from, to) for the card, service and (when per beneficiary) parent in question. */
export type UseCounter = (from: number, to: number) => number;

/** Quota state of one card and service at one instant. */
export interface QuotaState {
  view: QuotaView;
  /** ENTITLEMENT_ENDED: the benefit's periods are over. */
  ended: boolean;
  /** QUOTA_EXHAUSTED: nothing left in the current period. */
  exhausted: boolean;
}

const EVER = { start: Number.MIN_SAFE_INTEGER, end: Number.MAX_SAFE_INTEGER };

function inPeriod(limit: number, used: number, periodEnd: number | null): QuotaState {
  const remaining = Math.max(0, limit - used);
  return {
    view: { limit, used, remaining, period_end: periodEnd === null ? null : formatShanghai(periodEnd) },
    ended: false,
    exhausted: remaining === 0,
  };
}

/**
 * Evaluates a quota (§6 group 9). Card-years run from the card's nbf (Art. 21: 12 films a
 * year for 3 years); calendar months are Shanghai months (Art. 22: one claim a month per
 * parent, 36 at most); a lifetime quota has one period that never ends (Art. 21: library card).
 */
export function evaluateQuota(rule: QuotaRule, nbfMs: number, atMs: number, count: UseCounter): QuotaState {
  switch (rule.period) {
    case 'card_year': {
      const year = cardYearAt(nbfMs, atMs);
      const index = Math.max(0, year.index);
      if (index >= (rule.periods ?? Number.MAX_SAFE_INTEGER)) {
        return { view: { limit: rule.limit, used: 0, remaining: 0, period_end: null }, ended: true, exhausted: false };
      }
      const start = index === year.index ? year.start : nbfMs;
      const end = index === year.index ? year.end : cardYearStart(nbfMs, 1);
      return withTotal(rule, inPeriod(rule.limit, count(start, end), end), count);
    }
    case 'calendar_month': {
      const month = calendarMonthAt(atMs);
      return withTotal(rule, inPeriod(rule.limit, count(month.start, month.end), month.end), count);
    }
    case 'lifetime':
      return withTotal(rule, inPeriod(rule.limit, count(EVER.start, EVER.end), null), count);
  }
}

function withTotal(rule: QuotaRule, state: QuotaState, count: UseCounter): QuotaState {
  if (rule.totalLimit === undefined) return state;
  const totalUsed = count(EVER.start, EVER.end);
  const view: QuotaView = { ...state.view, total_limit: rule.totalLimit, total_used: totalUsed };
  if (totalUsed >= rule.totalLimit) {
    return { view: { ...view, remaining: 0, period_end: null }, ended: true, exhausted: false };
  }
  return { ...state, view };
}
