import { VERDICT_TEXT } from '../../../shared/i18n/ui-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/** The verdict shown at counter distance: colour, icon and word together (never colour alone). */
export function VerdictBanner(props: { verdict: 'accept' | 'reject' | 'pending'; serviceName: string; size?: 'normal' | 'gate' }) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const { verdict } = props;
  const word = verdict === 'pending' ? t.pendingWord : VERDICT_TEXT[verdict][locale];
  const icon = verdict === 'accept' ? t.acceptIcon : verdict === 'reject' ? t.rejectIcon : '…';
  return (
    <div className={`verdict-banner verdict-${verdict} verdict-size-${props.size ?? 'normal'}`} data-verdict={verdict}>
      <span className="verdict-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="verdict-word" data-testid="verdict">
        {word}
      </span>
      <span className="verdict-service">{props.serviceName}</span>
    </div>
  );
}
