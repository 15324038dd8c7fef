import { KEY_PATHS, keyViewSchema } from '../../../shared/console/key-api.js';
import { apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';

/** The console's own confirmation before a key is retired (in the console's language, as disabling a terminal is), never the browser's dialog. */
export function RetireKey(props: { kid: string; onCancel: () => void; onDone: (kid: string) => void }) {
  const t = useText(KEYS_TEXT);
  const { csrfToken } = useSession();
  const { run, busy, problem } = useAction();
  return (
    <form
      className="withdraw"
      aria-labelledby="retire-title"
      data-testid="retire-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await apiPost(KEY_PATHS.retire(props.kid), csrfToken, {}, keyViewSchema);
          props.onDone(props.kid);
        });
      }}
    >
      <h2 id="retire-title">{t.retireTitle(props.kid)}</h2>
      <p className="lead">{t.retireConfirm}</p>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div className="actions">
        <button type="button" className="button quiet" onClick={props.onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="button danger-filled" disabled={busy} data-testid="retire-submit">
          {t.confirmRetire}
        </button>
      </div>
    </form>
  );
}
