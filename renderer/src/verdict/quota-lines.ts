import type { VerifyView } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { quotaText } from '../../../shared/i18n/quota-text.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import type { ServiceRule } from '../../../shared/rules/rules-schema.js';

/**
 * The quota lines for a verdict (e.g. 本卡年已用 5/12 次，剩余 7 次，至 2027-06-01). The view does
 * not carry the quota's period kind, so it is taken from the built-in catalogue; a service only a
 * rules bundle knows gets the plain wording (已用 …).
 */
export function quotaLines(view: VerifyView, locale: Locale): string[] {
  const quota = view.decision.quota;
  if (quota === null) return [];
  const builtIn = DEFAULT_RULES.services.find((s) => s.id === view.service.id);
  const rule: ServiceRule = {
    id: view.service.id,
    article: view.service.article,
    name: view.service.name,
    companions: false,
    requiresTicket: view.requiresTicket,
    requiresBeneficiary: view.requiresBeneficiary,
    quota: builtIn?.quota,
  };
  return quotaText(rule, quota, locale);
}
