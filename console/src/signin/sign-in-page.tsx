import { useRef, useState, type FormEvent } from 'react';
import { sessionViewSchema, type SessionView } from '../../../shared/console/console-api.js';
import { apiPost, ConsoleApiError } from '../api/console-client.js';
import { errorText } from '../i18n/error-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { SIGN_IN_TEXT } from '../i18n/sign-in-text.js';

const TOTP_PATTERN = /^\d{6}$/;

/**
 * Sign-in: account and password, then — when the hub answers TOTP_REQUIRED — the authenticator's
 * code on a second step (the password is kept in memory only until then). A lockout says for how
 * long, from the hub's Retry-After.
 */
export function SignInPage(props: { onSignedIn: (session: SessionView) => void; onToggleLocale: () => void }) {
  const t = useText(SIGN_IN_TEXT);
  const shell = useText(SHELL_TEXT);
  const locale = useLocale();
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const totpRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (step === 'totp' && !TOTP_PATTERN.test(totp)) {
      setProblem(t.totpFormat);
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const body = step === 'totp' ? { id, password, totp } : { id, password };
      const session = await apiPost('/sign-in', '', body, sessionViewSchema);
      setPassword('');
      props.onSignedIn(session);
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error;
      if (error.code === 'TOTP_REQUIRED' && step === 'password') {
        setStep('totp');
        setTimeout(() => totpRef.current?.focus(), 0);
      } else if (error.code === 'SIGN_IN_FAILED' && step === 'totp') {
        setProblem(t.totpWrong);
      } else if (error.code === 'LOCKED_OUT') {
        setProblem(t.lockedFor(Math.max(1, Math.ceil((error.retryAfterSec ?? 60) / 60))));
      } else {
        setProblem(errorText(error, locale));
      }
      setTotp('');
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep('password');
    setTotp('');
    setProblem(undefined);
  };

  return (
    <main className="sign-in">
      <div className="sign-in-top">
        <button type="button" className="button quiet" onClick={props.onToggleLocale}>
          {shell.switchLanguage}
        </button>
      </div>
      <form className="sign-in-card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title" noValidate>
        <p className="brand-name">
          <span className="brand-mark" aria-hidden="true">
            金
          </span>{' '}
          {shell.appName}
        </p>
        <h1 id="sign-in-title">{step === 'password' ? t.title : t.totpTitle}</h1>
        <p className="lead">{step === 'password' ? t.lead : t.totpLead}</p>
        {step === 'password' ? (
          <>
            <label className="field">
              <span>{t.staffId}</span>
              <input
                type="text"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={id}
                onChange={(e) => setId(e.target.value)}
                required
                data-testid="sign-in-id"
              />
            </label>
            <label className="field">
              <span>{t.password}</span>
              <input
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                data-testid="sign-in-password"
              />
            </label>
          </>
        ) : (
          <label className="field">
            <span>{t.totpCode}</span>
            <input
              ref={totpRef}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
              required
              className="code-input"
              data-testid="sign-in-totp"
            />
          </label>
        )}
        <p className="problem" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
        <div className="actions">
          {step === 'totp' && (
            <button type="button" className="button quiet" onClick={back}>
              {t.back}
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy} data-testid="sign-in-submit">
            {busy ? t.signingIn : t.signIn}
          </button>
        </div>
      </form>
    </main>
  );
}
