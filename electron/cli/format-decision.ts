import type { Decision } from '../../shared/decision/decision-types.js';
import type { Locale } from '../../shared/i18n/locale.js';
import { REASON_TEXT } from '../../shared/i18n/reason-text.js';
import { cardTypeText, VERDICT_TEXT } from '../../shared/i18n/ui-text.js';
import type { RuleBook } from '../../shared/rules/rules-lookup.js';
import { quotaText } from '../../shared/i18n/quota-text.js';

/** The lines `jinka verify` prints without --json: verdict, holder, quota, reason and warnings. */
export function formatDecision(decision: Decision, rules: RuleBook, locale: Locale): string[] {
  const zh = locale === 'zh';
  const service = rules.service(decision.service);
  const lines = [`${VERDICT_TEXT[decision.decision][locale]}  ${service ? service.name[locale] : decision.service} (${decision.service})`];
  const card = decision.card;
  if (card !== null) {
    const type = cardTypeText(String(card.iss), String(card.tier))[locale];
    lines.push(zh ? `持卡人 ${String(card.name)}  证件尾号 ${String(card.idt)}  ${type}  卡号 ${String(card.sub)}` : `Holder ${String(card.name)}  ID ends ${String(card.idt)}  ${type}  card ${String(card.sub)}`);
  }
  if (decision.quota !== null && service !== undefined) lines.push(...quotaText(service.quota?.period, decision.quota, locale));
  for (const reason of decision.reasons) {
    lines.push(`${zh ? '原因' : 'Reason'}: ${reason} — ${REASON_TEXT[reason].title[locale]}。${REASON_TEXT[reason].action[locale]}`);
  }
  for (const warning of decision.warnings) {
    lines.push(`${zh ? '提示' : 'Warning'}: ${warning} — ${REASON_TEXT[warning].title[locale]}。${REASON_TEXT[warning].action[locale]}`);
  }
  return lines;
}
