import { useState, type FormEvent } from 'react';
import { okResponseSchema, sessionViewSchema, totpEnrolResponseSchema, type SessionView, type TotpEnrolResponse } from '../../../shared/console/console-api.js';
import { apiPost, ConsoleApiError } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { errorText } from '../i18n/error-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { SIGN_IN_TEXT } from '../i18n/sign-in-text.js';
import { TotpQr } from './totp-qr.js';

/** The key in groups of four, easier to type into a phone. */
const grouped = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

/** A role that needs TOTP, an account without one: make a key, show it, confirm a code; only then the console opens. */
export function TotpSetupPage(props: { onDone: (session: SessionView) => void; onSignedOut: () => void; onToggleLocale: () => void }) {
  const t = useText(SIGN_IN_TEXT);
  const shell = useText(SHELL_TEXT);
  const locale = useLocale();
  const session = useSession();
  const [enrol, setEnrol] = useState<TotpEnrolResponse | undefined>();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error;
      setProblem(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const start = () => run(async () => setEnrol(await apiPost('/totp/enrol', session.csrfToken, undefined, totpEnrolResponseSchema)));
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => props.onDone(await apiPost('/totp/confirm', session.csrfToken, { code }, sessionViewSchema)));
  };

  // Someone without the phone at hand leaves here; signed out locally whatever the hub answers.
  const signOut = async () => {
    await apiPost('/sign-out', session.csrfToken, undefined, okResponseSchema).catch(() => undefined);
    props.onSignedOut();
  };

  return (
    <main className="sign-in">
      <div className="sign-in-top">
        <button type="button" className="button quiet" onClick={props.onToggleLocale}>
          {shell.switchLanguage}
        </button>
        <button type="button" className="button quiet" onClick={() => void signOut()} data-testid="totp-sign-out">
          {shell.signOut}
        </button>
      </div>
      <form className="sign-in-card" onSubmit={confirm} aria-labelledby="totp-setup-title" noValidate>
        <h1 id="totp-setup-title">{t.setupTitle}</h1>
        <p className="lead">{t.setupLead}</p>
        {enrol === undefined ? (
          <div className="actions">
            <button type="button" className="button primary" disabled={busy} onClick={() => void start()} data-testid="totp-start">
              {t.setupStart}
            </button>
          </div>
        ) : (
          <>
            <TotpQr uri={enrol.otpauthUri} label={t.setupQr} />
            <p>{t.setupSecretTyped}</p>
            <dl className="facts">
              <dt>{t.setupSecret}</dt>
              <dd className="secret" data-testid="totp-secret">
                {grouped(enrol.secret)}
              </dd>
            </dl>
            <details className="uri">
              <summary>{t.setupUri}</summary>
              <p>{enrol.otpauthUri}</p>
            </details>
            <label className="field">
              <span>{t.totpCode}</span>
              <input
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                className="code-input"
                data-testid="totp-code"
              />
            </label>
            <div className="actions">
              <button type="submit" className="button primary" disabled={busy || code.length !== 6} data-testid="totp-confirm">
                {t.setupConfirm}
              </button>
            </div>
          </>
        )}
        <p className="problem" role="alert">
          {problem}
        </p>
      </form>
    </main>
  );
}
