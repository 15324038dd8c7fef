import type { RulesChange } from '../../../shared/console/rules-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import type { RulesText } from '../i18n/rules-text.js';

const isRelation = (r: string): r is keyof typeof RELATION_TEXT => Object.hasOwn(RELATION_TEXT, r);

/** A changed field of the diff in words (hub/console/rules-catalogue.ts names it by dotted path); a path the table lacks stays as written. */
export function fieldWords(change: Pick<RulesChange, 'part'>, field: string, t: RulesText, locale: Locale): string {
  const word = (f: string): string => t.field[f] ?? f;
  if (field === '') return '';
  if (change.part === 'service' || change.part === 'sitePolicyDefaults') return word(field);
  const [head = '', ...rest] = field.split('.');
  const tail = rest.join('.');
  if (change.part === 'tiers') return tail === '' ? field : t.tierField(head, word(tail));
  if (change.part === 'companionLimits') return t.companionLimit(isRelation(head) ? RELATION_TEXT[head][locale] : head);
  return tail === '' ? field : t.issuerField(head, word(tail));
}

/** A value of the diff (JSON text) in words: yes/no, a quota period's name; numbers and the rest as written. */
export function valueWords(value: string | null, t: RulesText): string {
  if (value === null) return '—';
  if (value === 'true') return t.yes;
  if (value === 'false') return t.no;
  const period = /^"(card_year|calendar_month|lifetime)"$/.exec(value)?.[1] as keyof RulesText['period'] | undefined;
  if (period !== undefined) return t.period[period];
  return value;
}
