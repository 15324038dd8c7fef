import type { VerifyView } from '../../../shared/api/api-types.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { useHotkeys } from '../keyboard/use-hotkeys.js';
import { holderOf } from '../util/card-fields.js';
import { WarningBanner } from './warning-banner.js';
import { useAutoReturn } from './use-auto-return.js';
import { VerdictBanner } from './verdict-banner.js';

/** Seconds an unattended gate shows its result before scanning again. */
export const GATE_RETURN_SECONDS = 2;

/** The unattended gate's result: very large, self-clearing, nothing to press. */
export function GateResult(props: { view: VerifyView; onDone: () => void }) {
  const locale = useLocale();
  const t = useText(COUNTER_TEXT);
  const { decision } = props.view;
  const holder = holderOf(decision.card);
  const reason = decision.reasons[0];
  const secondsLeft = useAutoReturn(GATE_RETURN_SECONDS, props.onDone, false, false);
  useHotkeys({ Escape: props.onDone, Enter: props.onDone });
  const recorded = props.view.autoRecorded !== null;
  return (
    <div className="gate-result" data-decision={decision.decision}>
      <VerdictBanner verdict={decision.decision} serviceName={props.view.service.name[locale]} size="gate" />
      <WarningBanner codes={decision.warnings} issuer={decision.card?.iss} />
      {holder !== null && (
        <p className="gate-holder">
          <span data-testid="holder-name">{holder.name}</span> · <span data-testid="id-tail">{holder.idTail}</span>
        </p>
      )}
      {decision.decision === 'reject' && reason !== undefined ? (
        <div className="reason-block" data-testid="reason" data-reason={reason}>
          <p className="reason-title">{REASON_TEXT[reason].title[locale]}</p>
          <p className="reason-action">{t.gateNotRecorded}</p>
        </div>
      ) : (
        <p className="gate-message" data-testid="gate-recorded">
          {recorded ? t.gateRecorded : t.gateNotRecorded}
        </p>
      )}
      <p className="countdown" data-testid="countdown">
        {t.autoReturn(secondsLeft)}
      </p>
    </div>
  );
}
