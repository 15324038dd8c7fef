import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  KEY_PATHS,
  issuerListResponseSchema,
  keyListResponseSchema,
  keyViewSchema,
  rotateKeyResponseSchema,
  type IssuerListResponse,
  type KeyListResponse,
} from '../../../shared/console/key-api.js';
import { apiGet, apiPost } from '../api/console-client.js';
import { bureauDay, bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/** The bureau's keys with usage and state (admin: rotate with the passphrase, retire), and the foreign issuers the hub relays. */
export function KeysPage() {
  const t = useText(KEYS_TEXT);
  const locale = useLocale();
  const { staff, csrfToken } = useSession();
  const admin = staff.role === 'admin';
  const [keys, setKeys] = useState<KeyListResponse | undefined>();
  const [issuers, setIssuers] = useState<IssuerListResponse | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
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
  const retire = (kid: string) => {
    if (!window.confirm(t.retireConfirm(kid))) return;
    void run(async () => {
      await apiPost(KEY_PATHS.retire(kid), csrfToken, {}, keyViewSchema);
      setNotice(t.retired(kid));
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
        <table className="table compact" data-testid="keys-table">
          <caption>{t.keysCaption(keys.trustVersion)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colKid}</th>
              <th scope="col">{t.colRole}</th>
              <th scope="col">{t.colStatus}</th>
              <th scope="col">{t.colUsage}</th>
              <th scope="col">{t.colCreated}</th>
              <th scope="col">{t.colLastCard}</th>
              <th scope="col">{t.colThumbprint}</th>
              {admin && <th scope="col">{t.colActions}</th>}
            </tr>
          </thead>
          <tbody>
            {keys.keys.map((k) => (
              <tr key={k.kid} data-kid={k.kid} data-status={k.status}>
                <th scope="row">
                  <code>{k.kid}</code>
                </th>
                <td>{t.role[k.role]}</td>
                <td>
                  <span className={k.status === 'compromised' ? 'badge bad' : k.status === 'current' || k.status === 'trust' ? 'badge good' : 'badge'}>{t.status[k.status]}</span>
                </td>
                <td>{k.usage.join(' · ') || '—'}</td>
                <td className="nowrap">{bureauTime(k.createdAt, locale)}</td>
                <td className="nowrap">{k.lastCardExpiresAt === null ? '—' : bureauDay(k.lastCardExpiresAt)}</td>
                <td>
                  <code title={k.thumbprint}>{k.thumbprint.slice(0, 12)}…</code>
                </td>
                {admin && (
                  <td>
                    {k.retirable && (
                      <button type="button" className="button danger" disabled={busy} onClick={() => retire(k.kid)}>
                        {t.retire}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
      {issuers !== undefined &&
        (issuers.issuers.length === 0 ? (
          <p>{t.noIssuers}</p>
        ) : (
          <table className="table compact" data-testid="issuers-table">
            <caption>{t.issuersCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colIssuer}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colKeys}</th>
                <th scope="col" className="num">
                  {t.colRelayed}
                </th>
              </tr>
            </thead>
            <tbody>
              {issuers.issuers.map((i) => (
                <tr key={i.iss}>
                  <th scope="row">
                    <code>{i.iss}</code>
                  </th>
                  <td>{i.name}</td>
                  <td>{i.keys.map((k) => k.kid).join(', ')}</td>
                  <td className="num">{i.relayedSeq ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
