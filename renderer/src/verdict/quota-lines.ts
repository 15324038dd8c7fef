import type { VerifyView } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { quotaText } from '../../../shared/i18n/quota-text.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';

/**
 * The quota lines for a verdict (e.g. 本卡年已用 5/12 次，剩余 7 次，至 2027-06-01). The period's kind
 * (本卡年 / 本月 / 已用) comes with the view, from the rules in force, so a service that only a signed
 * rules bundle defines is worded like a built-in one. A view without it (a terminal from before the
 * field existed) falls back to the built-in catalogue, then to the plain wording (已用 …).
 */
export function quotaLines(view: VerifyView, locale: Locale): string[] {
  const quota = view.decision.quota;
  if (quota === null) return [];
  const period = view.service.quota?.period ?? DEFAULT_RULES.services.find((s) => s.id === view.service.id)?.quota?.period;
  return quotaText(period, quota, locale);
}
