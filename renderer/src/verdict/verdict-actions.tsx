import type { Ref } from 'react';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';

/** Confirm and cancel (or back, after a rejection), with their keys and the auto-return countdown. */
export function VerdictActions(props: {
  canRecord: boolean;
  ready: boolean;
  busy: boolean;
  secondsLeft: number;
  onConfirm: () => void;
  onCancel: () => void;
  confirmRef: Ref<HTMLButtonElement>;
  backRef: Ref<HTMLButtonElement>;
}) {
  const t = useText(COUNTER_TEXT);
  return (
    <div className="verdict-actions">
      {props.canRecord && (
        <button
          ref={props.confirmRef}
          type="button"
          className="button button-confirm"
          data-testid="confirm"
          aria-disabled={!props.ready || props.busy}
          onClick={props.onConfirm}
        >
          {props.busy ? t.recording : t.confirm} <kbd>Enter</kbd>
        </button>
      )}
      <button ref={props.backRef} type="button" className="button button-cancel" data-testid="cancel" onClick={props.onCancel}>
        {props.canRecord ? t.cancel : t.back} <kbd>Esc</kbd>
      </button>
      <span className="countdown" data-testid="countdown" aria-hidden="true">
        {t.autoReturn(props.secondsLeft)}
      </span>
    </div>
  );
}
