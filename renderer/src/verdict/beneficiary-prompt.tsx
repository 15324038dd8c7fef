import { useEffect, useRef, useState } from 'react';
import { useHotkeys } from '../keyboard/use-hotkeys.js';
import { BeneficiaryField } from './beneficiary-field.js';
import { useAutoReturn } from './use-auto-return.js';
import { VerdictActions } from './verdict-actions.js';
import { VerdictBanner } from './verdict-banner.js';

/** Eldercare (Art. 22): the card is checked per parent, so the parent is asked for before any verdict. */
export function BeneficiaryPrompt(props: {
  serviceName: string;
  autoReturnSeconds: number;
  busy: boolean;
  error: string | null;
  onVerify: (beneficiary: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => input.current?.focus(), []);
  const secondsLeft = useAutoReturn(props.autoReturnSeconds, props.onCancel, props.busy);
  const verify = (): void => {
    const parent = value.trim();
    if (parent === '') input.current?.focus();
    else props.onVerify(parent);
  };
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
        <BeneficiaryField value={value} onChange={setValue} onVerify={verify} needsVerify inputRef={input} />
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
        onConfirm={verify}
        onCancel={props.onCancel}
        confirmRef={null}
        backRef={back}
      />
    </div>
  );
}
