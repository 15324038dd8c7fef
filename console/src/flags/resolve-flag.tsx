import { useEffect, useRef, useState } from 'react';
import { staffNoteSchema } from '../../../shared/console/ops-api.js';
import { USAGE_PATHS, flagViewSchema, type FlagView } from '../../../shared/console/usage-api.js';
import { apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { FLAGS_TEXT } from '../i18n/flags-text.js';
import { useText } from '../i18n/locale-context.js';

/**
 * Resolving a flag (officer, admin): a note is required and checked as the hub checks it (the
 * shared staffNoteSchema: one line, no control characters, at most 500), then a confirmation
 * step, since a resolution cannot be taken back; the hub keeps who, when and the note.
 */
export function ResolveFlag(props: { flag: FlagView; onDone: (resolved: FlagView) => void; onCancel: () => void }) {
  const t = useText(FLAGS_TEXT);
  const { csrfToken } = useSession();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { run, busy, problem } = useAction();
  const checked = staffNoteSchema.safeParse(note);
  const noteProblem = note.trim() !== '' && !checked.success ? t.noteBad : undefined;
  const titleId = `resolve-title-${props.flag.id}`;
  const noteField = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // Keyboard first: the note takes the focus when the form opens, the confirmation when it is asked.
  useEffect(() => (confirming ? confirmButton.current : noteField.current)?.focus(), [confirming]);

  return (
    <form
      className="withdraw"
      aria-labelledby={titleId}
      data-testid="resolve-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!checked.success) return;
        if (!confirming) {
          setConfirming(true);
          return;
        }
        void run(async () => props.onDone(await apiPost(USAGE_PATHS.resolveFlag(props.flag.id), csrfToken, { note: checked.data }, flagViewSchema)));
      }}
    >
      <h3 id={titleId}>{t.resolveTitle(props.flag.id)}</h3>
      {!confirming ? (
        <>
          <label className="field">
            <span>{t.noteLabel}</span>
            <input
              ref={noteField}
              type="text"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              required
              aria-invalid={noteProblem !== undefined}
              aria-describedby={`resolve-hint-${props.flag.id}`}
              data-testid="resolve-note"
            />
          </label>
          <p className="hint" id={`resolve-hint-${props.flag.id}`}>
            {t.noteHint}
          </p>
          <p className="field-problem" role="alert">
            {noteProblem}
          </p>
          <div className="actions">
            <button type="button" className="button quiet" onClick={props.onCancel}>
              {t.cancel}
            </button>
            <button type="submit" className="button primary" disabled={!checked.success} data-testid="resolve-next">
              {t.next}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="banner warn" role="status">
            {t.confirmTitle}
          </p>
          <p className="lead">{t.confirmLead}</p>
          <blockquote className="note-quote" data-testid="resolve-quote">
            {checked.success ? checked.data : ''}
          </blockquote>
          <p className="problem" role="alert">
            {problem}
          </p>
          <div className="actions">
            <button type="button" className="button quiet" onClick={() => setConfirming(false)}>
              {t.back}
            </button>
            <button ref={confirmButton} type="submit" className="button primary" disabled={busy} data-testid="resolve-confirm">
              {t.confirm}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
