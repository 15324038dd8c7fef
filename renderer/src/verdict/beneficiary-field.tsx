import { useId, type Ref } from 'react';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';

/** The parent a claim is for (Art. 22, eldercare): entered before the card is checked for that parent. */
export function BeneficiaryField(props: {
  value: string;
  onChange: (value: string) => void;
  onVerify: () => void;
  needsVerify: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const t = useText(COUNTER_TEXT);
  const id = useId();
  return (
    <div className={`beneficiary ${props.needsVerify ? 'beneficiary-needed' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {t.beneficiary}
      </label>
      {props.needsVerify && <p className="field-hint">{t.beneficiaryFirst}</p>}
      <div className="paste-row">
        <input
          id={id}
          ref={props.inputRef}
          data-testid="beneficiary"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.beneficiaryPlaceholder}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || !props.needsVerify) return;
            e.preventDefault();
            props.onVerify();
          }}
        />
        {props.needsVerify && (
          <button type="button" className="button button-primary" data-testid="beneficiary-verify" onClick={props.onVerify} disabled={props.value.trim() === ''}>
            {t.beneficiaryVerify}
          </button>
        )}
      </div>
    </div>
  );
}
