import { useCallback, useEffect, useState } from 'react';
import { sessionViewSchema, type SessionView } from '../../../shared/console/console-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { apiGet, ConsoleApiError, SIGNED_OUT_EVENT } from '../api/console-client.js';
import { LocaleProvider } from '../i18n/locale-context.js';
import { SignInPage } from '../signin/sign-in-page.js';
import { TotpSetupPage } from '../signin/totp-setup-page.js';
import { SessionContext } from './session-context.js';
import { Shell } from './shell.js';

const LOCALE_KEY = 'jinka-console-locale';
const storedLocale = (): Locale => (localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh');

type State = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: SessionView };

/** The console: asks the hub who is signed in, then shows sign-in, the authenticator set-up, or the shell. */
export function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const [state, setState] = useState<State>({ kind: 'loading' });

  const toggleLocale = useCallback(() => {
    setLocale((l) => {
      const next = l === 'zh' ? 'en' : 'zh';
      localStorage.setItem(LOCALE_KEY, next);
      return next;
    });
  }, []);

  useEffect(() => {
    let live = true;
    apiGet('/session', sessionViewSchema).then(
      (session) => live && setState({ kind: 'signed-in', session }),
      (error: unknown) => {
        if (live && error instanceof ConsoleApiError) setState({ kind: 'signed-out' });
      },
    );
    const signedOut = () => setState({ kind: 'signed-out' });
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => {
      live = false;
      window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
    };
  }, []);

  const signedIn = useCallback((session: SessionView) => setState({ kind: 'signed-in', session }), []);
  const signedOut = useCallback(() => setState({ kind: 'signed-out' }), []);

  let body;
  if (state.kind === 'loading') body = <main className="console-loading" aria-busy="true" />;
  else if (state.kind === 'signed-out') body = <SignInPage onSignedIn={signedIn} onToggleLocale={toggleLocale} />;
  else
    body = (
      <SessionContext.Provider value={state.session}>
        {state.session.totpSetupRequired ? (
          <TotpSetupPage onDone={signedIn} onSignedOut={signedOut} onToggleLocale={toggleLocale} />
        ) : (
          <Shell onSignedOut={signedOut} onToggleLocale={toggleLocale} />
        )}
      </SessionContext.Provider>
    );
  return <LocaleProvider locale={locale}>{body}</LocaleProvider>;
}
