import type { VerifyView } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import type { Signal } from '../sound/tones.js';
import { holderOf } from '../util/card-fields.js';
import { awaitsBeneficiary } from '../verdict/verdict-rules.js';

/** The sound for a verdict: an accept with a warning sounds like a warning, so the operator looks up. */
export function signalFor(view: VerifyView): Signal {
  if (view.decision.decision === 'reject') return 'reject';
  return view.decision.warnings.length > 0 ? 'warning' : 'accept';
}

/** What the live region says about a verdict; null while it still awaits the parent (nothing decided yet). */
export function announcementFor(view: VerifyView, verifiedWith: string | null, locale: Locale): string | null {
  if (awaitsBeneficiary(view, verifiedWith)) return null;
  const t = COUNTER_TEXT[locale];
  const { decision } = view;
  const reason = decision.reasons[0];
  const main =
    decision.decision === 'accept'
      ? t.announceAccept(holderOf(decision.card)?.name ?? '')
      : t.announceReject(reason !== undefined ? REASON_TEXT[reason].title[locale] : '');
  const warnings = decision.warnings.map((w) => REASON_TEXT[w].title[locale]).join('，');
  return warnings === '' ? main : `${main} ${t.announceWarnings(warnings)}`;
}
