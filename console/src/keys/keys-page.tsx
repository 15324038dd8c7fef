import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { KEY_PATHS, issuerListResponseSchema, keyListResponseSchema, rotateKeyResponseSchema, type IssuerListResponse, type KeyListResponse } from '../../../shared/console/key-api.js';
import { apiGet, apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useText } from '../i18n/locale-context.js';
import { IssuersTable } from './issuers-table.js';
import { KeysTable } from './keys-table.js';
import { RegisterIssuer } from './register-issuer.js';
import { RelayList } from './relay-list.js';
import { RetireKey } from './retire-key.js';

/** The bureau's keys with usage and state (admin: rotate with the passphrase, retire after the console's confirmation), and the foreign issuers the hub relays (admin: register one after a preview; officer and admin: relay its lists). */
export function KeysPage() {
  const t = useText(KEYS_TEXT);
  const { staff, csrfToken } = useSession();
  const admin = staff.role === 'admin';
  const [keys, setKeys] = useState<KeyListResponse | undefined>();
  const [issuers, setIssuers] = useState<IssuerListResponse | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [retiring, setRetiring] = useState<string | undefined>();
  const [role, setRole] = useState<'signing' | 'trust'>('signing');
  const [passphrase, setPassphrase] = useState('');
  const { run, busy, problem } = useAction();

  const load = useCallback(
    () =>
      run(async () => {
        const [k, i] = await Promise.all([apiGet(KEY_PATHS.list, keyListResponseSchema), apiGet(KEY_PATHS.issuers, issuerListResponseSchema)]);
        setKeys(k);
        setIssuers(i);
      }),
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const rotate = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await apiPost(KEY_PATHS.rotate, csrfToken, { role, passphrase }, rotateKeyResponseSchema);
      setPassphrase('');
      setNotice(t.rotated(answer.key.kid));
      await load();
    });
  };

  return (
    <section aria-labelledby="keys-title" className="page">
      <h1 id="keys-title">{t.title}</h1>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div role="status">{notice !== undefined && <p className="banner good">{notice}</p>}</div>
      {keys !== undefined && (
        <KeysTable
          keys={keys}
          admin={admin}
          busy={busy}
          onRetire={(kid) => {
            setNotice(undefined);
            setRetiring(kid);
          }}
        />
      )}
      {admin && retiring !== undefined && (
        <RetireKey
          key={retiring}
          kid={retiring}
          onCancel={() => setRetiring(undefined)}
          onDone={(kid) => {
            setRetiring(undefined);
            setNotice(t.retired(kid));
            void load();
          }}
        />
      )}
      {admin && (
        <form className="panel" onSubmit={rotate} aria-labelledby="rotate-title" data-testid="rotate-form">
          <h2 id="rotate-title">{t.rotateTitle}</h2>
          <p className="hint">{t.rotateLead}</p>
          <div className="form-grid">
            <label className="field">
              <span>{t.rotateRole}</span>
              <select value={role} onChange={(e) => setRole(e.target.value === 'trust' ? 'trust' : 'signing')}>
                <option value="signing">{t.role.signing}</option>
                <option value="trust">{t.role.trust}</option>
              </select>
            </label>
            <label className="field">
              <span>{t.passphrase}</span>
              <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || passphrase === ''}>
              {t.rotate}
            </button>
          </div>
        </form>
      )}
      {issuers !== undefined && <IssuersTable issuers={issuers} />}
      {admin && (
        <RegisterIssuer
          onRegistered={(words) => {
            setNotice(words);
            void load();
          }}
        />
      )}
      {(admin || staff.role === 'officer') && <RelayList onRelayed={() => void load()} />}
    </section>
  );
}
