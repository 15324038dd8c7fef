import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, OperatorView } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { SHELL_TEXT, type ShellText } from '../i18n/shell-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { apiErrorText } from '../../../shared/i18n/api-error-text.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { runAsync } from '../util/run-async.js';
import { clockTime } from '../util/time-format.js';

function errorText(error: ApiError, t: ShellText, locale: Locale): string {
  // The terminal's own detail after the headline (e.g. 再错 2 次将锁定 5 分钟), if any.
  if (error.code === 'BAD_PIN') return error.detail === undefined ? t.badPin : `${t.badPin}\n${error.detail}`;
  if (error.code === 'LOCKED_OUT') return t.lockedOut(error.retryAt !== undefined ? clockTime(error.retryAt) : '—');
  if (error.code === 'INVALID_INPUT') return t.pinFormat;
  return t.failed(apiErrorText(error, locale));
}

/** Operator sign-in: ID and a numeric PIN; Enter submits from either field. */
export function SignInScreen(props: { onSignedIn: (operator: OperatorView) => void }) {
  const t = useText(SHELL_TEXT);
  const locale = useLocale();
  const call = useApi();
  const [operatorId, setOperatorId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const idRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  useEffect(() => idRef.current?.focus(), []);

  const submit = async (): Promise<void> => {
    const id = operatorId.trim();
    if (id === '') return idRef.current?.focus();
    if (!/^\d{4,12}$/.test(pin)) {
      setError({ code: 'INVALID_INPUT', message: '' });
      return pinRef.current?.focus();
    }
    setBusy(true);
    const result = await call('session.signIn', { operatorId: id, pin });
    setBusy(false);
    if (result.ok) {
      props.onSignedIn(result.value);
      return;
    }
    setError(result.error);
    setPin('');
    pinRef.current?.focus();
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    runAsync(submit());
  };

  return (
    <main className="signin" aria-labelledby="signin-title">
      <form className="signin-card" onSubmit={onSubmit} noValidate>
        <p className="signin-brand">{t.appName}</p>
        <h1 id="signin-title">{t.signInTitle}</h1>
        <p className="signin-lead">{t.signInLead}</p>
        <label className="field">
          <span className="field-label">{t.operatorId}</span>
          <input
            ref={idRef}
            data-testid="signin-id"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            value={operatorId}
            onChange={(e) => setOperatorId(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t.pin}</span>
          <input
            ref={pinRef}
            data-testid="signin-pin"
            type="password"
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={12}
            autoComplete="current-password"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        {error !== null && (
          <p className={`signin-error ${error.code === 'LOCKED_OUT' ? 'signin-locked' : ''}`} role="alert" data-testid="signin-error" data-code={error.code}>
            {errorText(error, t, locale)
              .split('\n')
              .map((line) => (
                <span key={line} className="signin-error-line">
                  {line}
                </span>
              ))}
          </p>
        )}
        <button type="submit" className="button button-primary signin-submit" data-testid="signin-submit" disabled={busy}>
          {busy ? t.signingIn : t.signIn} <kbd>Enter</kbd>
        </button>
      </form>
    </main>
  );
}
