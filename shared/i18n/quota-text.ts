import type { QuotaView } from '../decision/decision-types.js';
import type { QuotaRule } from '../rules/rules-schema.js';
import type { Locale } from './locale.js';

/**
 * The quota line the counter shows, e.g. 本卡年已用 5/12 次，剩余 7 次，至 2027-06-01. Only the
 * period's kind is needed for the wording; without it the line reads plainly 已用 ….
 */
export function quotaText(period: QuotaRule['period'] | undefined, quota: QuotaView, locale: Locale): string[] {
  const zh = locale === 'zh';
  const until = quota.period_end === null ? '' : zh ? `，至 ${quota.period_end.slice(0, 10)}` : `, until ${quota.period_end.slice(0, 10)}`;
  const label =
    period === 'card_year' ? (zh ? '本卡年已用' : 'Used this card-year') : period === 'calendar_month' ? (zh ? '本月已用' : 'Used this month') : zh ? '已用' : 'Used';
  const lines = [
    zh ? `${label} ${quota.used}/${quota.limit} 次，剩余 ${quota.remaining} 次${until}` : `${label} ${quota.used}/${quota.limit}, ${quota.remaining} left${until}`,
  ];
  if (quota.total_limit !== undefined) {
    lines.push(zh ? `累计已用 ${quota.total_used ?? 0}/${quota.total_limit} 次` : `Used ${quota.total_used ?? 0}/${quota.total_limit} in all`);
  }
  return lines;
}
