import type { ReasonCode, WarningCode } from '../../../shared/reason-codes.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

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

/** Warnings that did not reject the card, kept visually apart from rejections (amber, with a sign). */
export function WarningBanner(props: { codes: WarningCode[] }) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  if (props.codes.length === 0) return null;
  return (
    <div className="warning-banner" role="note" data-testid="warnings">
      {props.codes.map((code) => (
        <p key={code} className="warning-item" data-testid={`warning-${code}`}>
          <span className="warning-sign" aria-hidden="true">
            ⚠
          </span>
          <strong>
            {t.warning}：{REASON_TEXT[code].title[locale]}
          </strong>{' '}
          <span>{REASON_TEXT[code].action[locale]}</span>
        </p>
      ))}
    </div>
  );
}
