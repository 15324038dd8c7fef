import { useEffect, useId, useRef } from 'react';
import { BENEFICIARIES, BENEFICIARY_TEXT, type Beneficiary } from '../../../shared/beneficiary.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { isTextEntry } from '../keyboard/focus-kind.js';

/** Key 1 chooses the father, 2 the mother (the order of the buttons). */
const KEY_OF: Readonly<Record<string, Beneficiary>> = { '1': 'father', '2': 'mother' };

/**
 * The parent a claim is for (Art. 22, eldercare: the holder's 父母): chosen, never typed, so no
 * ID number can be kept or sent. Two large buttons; keys 1 / 2 anywhere outside a text field,
 * arrow keys between the buttons, Enter or Space on one. Choosing checks the card for that parent.
 */
export function BeneficiaryField(props: {
  value: Beneficiary | null;
  onChoose: (parent: Beneficiary) => void;
  needsChoice: boolean;
  busy: boolean;
  /** Set to the first button, for the screen's first focus. */
  firstRef?: { current: HTMLButtonElement | null };
}) {
  const t = useText(COUNTER_TEXT);
  const locale = useLocale();
  const labelId = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    // Bubble phase on window, after the wedge scanner (capture) has taken a scanner's burst; a lone
    // digit outside text fields is kept from the page by the scanner, hence no defaultPrevented check.
    const onKey = (event: KeyboardEvent): void => {
      const parent = KEY_OF[event.key];
      if (parent === undefined || event.repeat || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
      if (isTextEntry(document.activeElement) || latest.current.busy) return;
      event.preventDefault();
      buttons.current[BENEFICIARIES.indexOf(parent)]?.focus();
      latest.current.onChoose(parent);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const move = (from: number, step: number): void => {
    buttons.current[(from + step + BENEFICIARIES.length) % BENEFICIARIES.length]?.focus();
  };

  return (
    <div className={`beneficiary ${props.needsChoice ? 'beneficiary-needed' : ''}`}>
      <span className="field-label" id={labelId}>
        {t.beneficiary}
      </span>
      {props.needsChoice && <p className="field-hint">{t.beneficiaryFirst}</p>}
      <div className="beneficiary-choices" role="radiogroup" aria-labelledby={labelId}>
        {BENEFICIARIES.map((parent, index) => (
          <button
            key={parent}
            ref={(el) => {
              buttons.current[index] = el;
              if (index === 0 && props.firstRef !== undefined) props.firstRef.current = el;
            }}
            type="button"
            role="radio"
            aria-checked={props.value === parent}
            className={`button beneficiary-choice ${props.value === parent ? 'beneficiary-chosen' : ''}`}
            data-testid={`beneficiary-${parent}`}
            disabled={props.busy}
            onClick={() => props.onChoose(parent)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(index, 1);
              else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(index, -1);
              else return;
              e.preventDefault();
            }}
          >
            <kbd className="beneficiary-key">{index + 1}</kbd>
            {BENEFICIARY_TEXT[parent][locale]}
          </button>
        ))}
      </div>
    </div>
  );
}
