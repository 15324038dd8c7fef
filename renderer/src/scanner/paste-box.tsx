import { useId } from 'react';
import { PASTE_BOX_ATTR } from '../keyboard/focus-kind.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';

/** The manual fallback: paste (or type) the QR content and press Enter. */
export function PasteBox(props: { value: string; onChange: (value: string) => void; onSubmit: (text: string) => void }) {
  const t = useText(COUNTER_TEXT);
  const id = useId();
  const submit = (): void => {
    const text = props.value.trim();
    if (text.length > 0) props.onSubmit(text);
  };
  return (
    <div className="paste-box">
      <label className="field-label" htmlFor={id}>
        {t.pasteLabel}
      </label>
      <div className="paste-row">
        <input
          id={id}
          {...{ [PASTE_BOX_ATTR]: '' }}
          data-testid="paste-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t.pastePlaceholder}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            submit();
          }}
        />
        <button type="button" className="button" data-testid="paste-submit" onClick={submit}>
          {t.pasteSubmit}
        </button>
      </div>
    </div>
  );
}
