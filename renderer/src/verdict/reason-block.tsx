import type { ReasonCode } from '../../../shared/reason-codes.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { useLocale } from '../i18n/locale-context.js';

/** Why a card was rejected, and what to tell the holder, in plain words. */
export function ReasonBlock(props: { code: ReasonCode }) {
  const locale = useLocale();
  const text = REASON_TEXT[props.code];
  return (
    <div className="reason-block" data-testid="reason" data-reason={props.code}>
      <p className="reason-title">{text.title[locale]}</p>
      <p className="reason-action">{text.action[locale]}</p>
    </div>
  );
}
