import { useState, type FormEvent } from 'react';
import {
  ISSUER_KEYS_FILE_MAX_BYTES,
  KEY_PATHS,
  issuerPreviewResponseSchema,
  issuerRegisterResponseSchema,
  type IssuerPreviewResponse,
} from '../../../shared/console/key-api.js';
import { apiPost, ConsoleApiError } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';
import { FilePick, type PickedFile } from './file-pick.js';
import { Fingerprint } from './fingerprint.js';

/**
 * Register (or update the keys of) another issuer, admin only: the hub reads the file as
 * `jinka-hub issuer add` does and answers the thumbprints and the change to the trust list
 * (nothing published); the admin compares the thumbprints with those the issuer gave by another
 * channel, and confirms with the preview's token and the very same iss, name and file.
 */
export function RegisterIssuer(props: { onRegistered: (notice: string) => void }) {
  const t = useText(KEYS_TEXT);
  const { csrfToken } = useSession();
  const [iss, setIss] = useState('');
  const [name, setName] = useState('');
  const [file, setFile] = useState<PickedFile | undefined>();
  const [preview, setPreview] = useState<IssuerPreviewResponse | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const { run, busy, problem } = useAction();
  const upload = file === undefined ? undefined : { iss: iss.trim(), name: name.trim(), ...file };

  /** A refused keys file in words: the reason the hub named, when the console knows it. */
  const worded = async (work: () => Promise<void>) => {
    setRefusal(undefined);
    await run(async () => {
      try {
        await work();
      } catch (error) {
        const reason = error instanceof ConsoleApiError && error.code === 'ISSUER_KEYS_REFUSED' ? t.keysReason(error.message) : undefined;
        if (reason === undefined) throw error;
        setRefusal(reason);
      }
    });
  };
  const changed = () => setPreview(undefined);

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (upload === undefined) return;
    void worded(async () => setPreview(await apiPost(KEY_PATHS.issuerPreview, csrfToken, upload, issuerPreviewResponseSchema)));
  };
  const confirm = () => {
    if (upload === undefined || preview === undefined) return;
    void worded(async () => {
      const answer = await apiPost(KEY_PATHS.issuerRegister, csrfToken, { ...upload, previewToken: preview.previewToken }, issuerRegisterResponseSchema);
      setPreview(undefined);
      props.onRegistered(t.registered(answer.iss, answer.trustVersion));
    });
  };

  return (
    <form className="panel" aria-labelledby="register-issuer-title" data-testid="register-issuer" onSubmit={check}>
      <h2 id="register-issuer-title">{t.registerTitle}</h2>
      <p className="hint">{t.registerLead}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t.issField}</span>
          <input
            type="text"
            value={iss}
            onChange={(e) => {
              setIss(e.target.value);
              changed();
            }}
            placeholder={t.issHint}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            required
          />
        </label>
        <label className="field">
          <span>{t.nameField}</span>
          <input
            type="text"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              changed();
            }}
            autoComplete="off"
            maxLength={200}
            required
          />
        </label>
        <FilePick
          id="issuer-keys"
          label={t.keysFile}
          accept=".json,.jwk,.jwks,application/json"
          maxBytes={ISSUER_KEYS_FILE_MAX_BYTES}
          file={file}
          onPick={(f) => {
            setFile(f);
            changed();
          }}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy || upload === undefined || upload.iss === '' || upload.name === ''} data-testid="issuer-preview">
          {t.preview}
        </button>
      </div>
      <p className="problem" role="alert">
        {refusal ?? problem}
      </p>
      {preview !== undefined && (
        <div data-testid="issuer-preview-result">
          <h3>{t.previewTitle(preview.iss)}</h3>
          <p className="lead">
            {t.previewChange[preview.change]}
            {preview.nameBefore !== null && preview.nameBefore !== preview.name && <> {t.renamed(preview.nameBefore, preview.name)}</>}
          </p>
          <table className="table compact" data-testid="issuer-preview-keys">
            <thead>
              <tr>
                <th scope="col">{t.colKid}</th>
                <th scope="col">{t.colChange}</th>
                <th scope="col">{t.colUsage}</th>
                <th scope="col">{t.colThumbprint}</th>
              </tr>
            </thead>
            <tbody>
              {preview.keys.map((k) => (
                <tr key={`${k.kid}/${k.change}`} data-kid={k.kid} data-change={k.change} className={k.change === 'kept' ? undefined : `diff-${k.change}`}>
                  <th scope="row">
                    <code>{k.kid}</code>
                  </th>
                  <td>{t.keyChange[k.change]}</td>
                  <td>{k.usage.map((u) => t.use[u]).join(t.listSeparator)}</td>
                  <td>
                    <Fingerprint value={k.thumbprint} label={k.kid} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="banner warn" data-testid="compare-thumbprints">
            {t.compareThumbprints}
          </p>
          <div className="actions">
            <button type="button" className="button quiet" onClick={changed}>
              {t.cancel}
            </button>
            {preview.change !== 'unchanged' && (
              <button type="button" className="button primary" disabled={busy} onClick={confirm} data-testid="issuer-register-submit">
                {t.confirmRegister(preview.iss)}
              </button>
            )}
          </div>
        </div>
      )}
    </form>
  );
}
