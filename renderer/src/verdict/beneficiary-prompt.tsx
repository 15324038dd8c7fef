import { useEffect, useRef } from 'react';
import type { Beneficiary } from '../../../shared/beneficiary.js';
import { useHotkeys } from '../keyboard/use-hotkeys.js';
import { BeneficiaryField } from './beneficiary-field.js';
import { useAutoReturn } from './use-auto-return.js';
import { VerdictActions } from './verdict-actions.js';
import { VerdictBanner } from './verdict-banner.js';

/** Eldercare (Art. 22): the card is checked per parent, so which parent is asked before any verdict. */
export function BeneficiaryPrompt(props: {
  serviceName: string;
  autoReturnSeconds: number;
  busy: boolean;
  error: string | null;
  onVerify: (beneficiary: Beneficiary) => void;
  onCancel: () => void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const secondsLeft = useAutoReturn(props.autoReturnSeconds, props.onCancel, props.busy);
  useHotkeys({
    Escape: (e) => {
      e.preventDefault();
      props.onCancel();
    },
  });
  return (
    <div className="verdict-screen" data-decision="pending">
      <VerdictBanner verdict="pending" serviceName={props.serviceName} />
      <div className="verdict-body verdict-body-single">
        <BeneficiaryField value={null} onChoose={props.onVerify} needsChoice busy={props.busy} firstRef={first} />
      </div>
      {props.error !== null && (
        <p className="verdict-problem" role="alert" data-testid="record-error">
          {props.error}
        </p>
      )}
      <VerdictActions
        canRecord={false}
        ready={false}
        needs={[]}
        busy={props.busy}
        secondsLeft={secondsLeft}
        onConfirm={() => first.current?.focus()}
        onCancel={props.onCancel}
        confirmRef={null}
        backRef={back}
      />
    </div>
  );
}
