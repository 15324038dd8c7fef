import type { WarningCode } from '../../../shared/reason-codes.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { WarningIcon } from '../app/icons.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/**
 * Warnings that did not reject the card (DUPLICATE, LISTS_STALE, CLOCK_SUSPECT): a large amber
 * panel with a warning triangle and 注意, each warning's title large and what to do beneath —
 * never red, never a cross, so it cannot be taken for a rejection.
 */
export function WarningBanner(props: { codes: WarningCode[]; issuer?: unknown }) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const ta = useText(ADMIN_TEXT);
  // LISTS_STALE is about the card's issuer's list: say whose, as the status bar does.
  const issuer = typeof props.issuer === 'string' && props.issuer !== '' ? ta.issuerShort(props.issuer) : null;
  if (props.codes.length === 0) return null;
  return (
    <div className="warning-banner" role="note" aria-label={t.warningsLabel} data-testid="warnings" data-count={props.codes.length}>
      <div className="warning-mark" aria-hidden="true">
        <WarningIcon className="warning-icon" />
        <span className="warning-word">{t.warning}</span>
      </div>
      <ul className="warning-list">
        {props.codes.map((code) => (
          <li key={code} className="warning-item" data-testid={`warning-${code}`}>
            <p className="warning-title">{REASON_TEXT[code].title[locale]}</p>
            <p className="warning-action">{REASON_TEXT[code].action[locale]}</p>
            {code === 'LISTS_STALE' && issuer !== null && (
              <p className="warning-action" data-testid="warning-stale-issuer">
                {t.staleListOf(issuer)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
