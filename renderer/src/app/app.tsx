import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OperatorView } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { ApiProvider, useApi } from '../api/api-context.js';
import { createClient, onTerminalEvent } from '../api/client.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { LocaleProvider } from '../i18n/locale-context.js';
import { SignInScreen } from '../signin/sign-in-screen.js';
import { unlockAudioOnGesture } from '../sound/tones.js';
import { runAsync } from '../util/run-async.js';
import { StatusBar } from '../status/status-bar.js';
import { useStatus } from '../status/use-status.js';
import { AnnouncerProvider } from './announcer.js';
import { Shell } from './shell.js';
import { useTerminalInfo } from './use-terminal-info.js';

/** The counter app: picks its transport once, then hands every screen the same API. */
export function App() {
  const api = useMemo(() => createClient(), []);
  const [operator, setOperator] = useState<OperatorView | null | undefined>(undefined);
  const signedOut = useCallback(() => setOperator(null), []);
  useEffect(() => unlockAudioOnGesture(), []);
  return (
    <ApiProvider api={api} onSignedOut={signedOut}>
      <Terminal operator={operator} setOperator={setOperator} />
    </ApiProvider>
  );
}

function Terminal(props: { operator: OperatorView | null | undefined; setOperator: (operator: OperatorView | null) => void }) {
  const { operator, setOperator } = props;
  const info = useTerminalInfo(setOperator);
  const { status, refresh } = useStatus();
  const { setSettings } = info;
  const call = useApi();
  // The terminal ends an idle session itself; the status poll (every 30 s) notices, and a
  // fresh session.current confirms it (a poll answered before a sign-in must not sign anyone out).
  const statusOperator = status?.operator;
  useEffect(() => {
    if (operator === null || operator === undefined || statusOperator !== null) return;
    runAsync(
      call('session.current', {}).then((current) => {
        if (current.ok && current.value === null) setOperator(null);
      }),
    );
  }, [operator, statusOperator, call, setOperator]);
  // Electron pushes sign-in and settings changes made elsewhere (the HTTP bridge has no events).
  useEffect(
    () =>
      onTerminalEvent((event) => {
        if (event.type === 'session.changed') setOperator(event.operator);
        else setSettings(event.settings);
        refresh();
      }),
    [setOperator, setSettings, refresh],
  );
  // The settings choose the language; the header's switch overrides it until the settings change.
  const [override, setOverride] = useState<Locale | null>(null);
  const settingsLocale = info.settings?.language ?? 'zh';
  useEffect(() => setOverride(null), [settingsLocale]);
  const locale = override ?? settingsLocale;
  const toggleLanguage = (): void => setOverride(locale === 'zh' ? 'en' : 'zh');

  const signedIn = (who: OperatorView): void => {
    setOperator(who);
    info.reload();
    refresh();
  };

  return (
    <LocaleProvider locale={locale}>
      <AnnouncerProvider>
        <div className="app">
          {operator === undefined || info.settings === null ? (
            <main className="loading">
              <p>{info.failure ?? SHELL_TEXT[locale].loading}</p>
            </main>
          ) : operator === null ? (
            <>
              <button type="button" className="button lang-switch lang-switch-corner" data-testid="lang-switch" onClick={toggleLanguage}>
                {SHELL_TEXT[locale].switchLanguage}
              </button>
              <SignInScreen onSignedIn={signedIn} />
            </>
          ) : (
            <Shell
              operator={operator}
              settings={info.settings}
              catalogue={info.catalogue}
              onSettings={(s) => {
                info.setSettings(s);
                refresh();
              }}
              onSignedOut={() => {
                setOperator(null);
                refresh();
              }}
              onActivity={refresh}
              onToggleLanguage={toggleLanguage}
            />
          )}
          <StatusBar status={status} />
        </div>
      </AnnouncerProvider>
    </LocaleProvider>
  );
}
