import { useId, type Ref } from 'react';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';

/**
 * Confirm and cancel (or back, after a rejection), with their keys and the auto-return countdown.
 * Beside Confirm, live, what it still waits for (请先勾选“已核对身份证件” …) or that it can record:
 * a clerk need not press it to learn why it is grey.
 */
export function VerdictActions(props: {
  canRecord: boolean;
  ready: boolean;
  /** What recording still needs, in the clerk's words (empty when ready). */
  needs: string[];
  busy: boolean;
  secondsLeft: number;
  onConfirm: () => void;
  onCancel: () => void;
  confirmRef: Ref<HTMLButtonElement>;
  backRef: Ref<HTMLButtonElement>;
}) {
  const t = useText(COUNTER_TEXT);
  const reasonId = useId();
  const waiting = props.needs.length > 0;
  return (
    <div className="verdict-actions">
      {props.canRecord && (
        <>
          <button
            ref={props.confirmRef}
            type="button"
            className="button button-confirm"
            data-testid="confirm"
            aria-disabled={!props.ready || props.busy}
            aria-describedby={reasonId}
            onClick={props.onConfirm}
          >
            {props.busy ? t.recording : t.confirm} <kbd>Enter</kbd>
          </button>
          <p id={reasonId} className={`confirm-reason ${waiting ? 'confirm-reason-waiting' : 'confirm-reason-ready'}`} data-testid="confirm-reason" aria-live="polite">
            {props.busy ? null : waiting ? (
              <>
                <span className="confirm-reason-pointer" aria-hidden="true">
                  ◀
                </span>
                <span className="confirm-needs">
                  {props.needs.map((need) => (
                    <span key={need} className="confirm-need">
                      {need}
                    </span>
                  ))}
                </span>
              </>
            ) : (
              <>
                <span aria-hidden="true">✔ </span>
                {t.confirmReady}
              </>
            )}
          </p>
        </>
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
