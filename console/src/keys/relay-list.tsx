import { useState } from 'react';
import { KEY_PATHS, RELAY_FILE_MAX_BYTES, relayResponseSchema } from '../../../shared/console/key-api.js';
import { apiPost, ConsoleApiError } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';
import { FilePick, type PickedFile } from './file-pick.js';

/**
 * Relay a registered issuer's signed revocation list (officer and admin), as `jinka-hub issuer
 * relay` does: the hub checks it as a terminal would; the result (iss, sequence) or the refusal in words.
 */
export function RelayList(props: { onRelayed: () => void }) {
  const t = useText(KEYS_TEXT);
  const { csrfToken } = useSession();
  const [file, setFile] = useState<PickedFile | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const { run, busy, problem } = useAction();

  const relay = () => {
    if (file === undefined) return;
    setDone(undefined);
    setRefusal(undefined);
    void run(async () => {
      try {
        const answer = await apiPost(KEY_PATHS.issuerRelay, csrfToken, file, relayResponseSchema);
        setDone(t.relayed(answer.iss, answer.seq));
        props.onRelayed();
      } catch (error) {
        const reason = error instanceof ConsoleApiError && error.code === 'RELAY_REFUSED' ? t.relayReason(error.message) : undefined;
        if (reason === undefined) throw error;
        setRefusal(reason);
      }
    });
  };

  return (
    <section className="panel" aria-labelledby="relay-title" data-testid="relay-list">
      <h2 id="relay-title">{t.relayTitle}</h2>
      <p className="hint">{t.relayLead}</p>
      <div className="inline-form">
        <FilePick
          id="relay"
          label={t.relayFile}
          accept=".jws,.jwt,.txt,application/jose"
          maxBytes={RELAY_FILE_MAX_BYTES}
          file={file}
          onPick={(f) => {
            setFile(f);
            setDone(undefined);
            setRefusal(undefined);
          }}
        />
        <button type="button" className="button primary" disabled={busy || file === undefined} onClick={relay} data-testid="relay-submit">
          {t.relay}
        </button>
      </div>
      <p className="problem" role="alert">
        {refusal ?? problem}
      </p>
      <div role="status">{done !== undefined && <p className="banner good">{done}</p>}</div>
    </section>
  );
}
