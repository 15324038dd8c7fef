import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperatorView, TerminalSettings } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { CounterScreen } from '../counter/counter-screen.js';
import { HistoryScreen } from '../history/history-screen.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { useLocale } from '../i18n/locale-context.js';
import { useHotkeys } from '../keyboard/use-hotkeys.js';
import { SettingsScreen } from '../settings/settings-screen.js';
import { runAsync } from '../util/run-async.js';
import { AppHeader } from './app-header.js';
import type { Screen } from './screen.js';
import type { CatalogueEntry } from './use-terminal-info.js';

/** Everything behind the sign-in: header, the counter (kept mounted so the camera stays warm), history, settings. */
export function Shell(props: {
  operator: OperatorView;
  settings: TerminalSettings;
  catalogue: CatalogueEntry[];
  onSettings: (settings: TerminalSettings) => void;
  onSignedOut: () => void;
  onActivity: () => void;
  onToggleLanguage: () => void;
}) {
  const locale = useLocale();
  const call = useApi();
  const [screen, setScreen] = useState<Screen>('counter');
  const supervisor = props.operator.role === 'supervisor';
  const serviceName = useCallback(
    (id: string) => props.catalogue.find((s) => s.id === id)?.name[locale] ?? id,
    [props.catalogue, locale],
  );
  const services = props.catalogue.map((s) => ({ id: s.id, name: `${s.name[locale]}（第${s.article}条）` }));
  const { onSignedOut } = props;
  const signOut = useCallback(() => {
    runAsync(call('session.signOut', {}).then(() => onSignedOut()));
  }, [call, onSignedOut]);
  // Closing the settings leaves the supervisor role: the counter returns to sign-in, and the
  // operator signs in again with their own PIN (the supervisor's session never lingers).
  const previousScreen = useRef<Screen>(screen);
  useEffect(() => {
    if (previousScreen.current === 'settings' && screen !== 'settings' && supervisor) signOut();
    previousScreen.current = screen;
  }, [screen, supervisor, signOut]);

  useHotkeys({
    F2: (e) => {
      e.preventDefault();
      setScreen((s) => (s === 'history' ? 'counter' : 'history'));
    },
    F3: (e) => {
      e.preventDefault();
      setScreen((s) => (s === 'settings' ? 'counter' : 'settings'));
    },
    F9: (e) => {
      e.preventDefault();
      signOut();
    },
    Escape: (e) => {
      if (screen === 'counter') return;
      e.preventDefault();
      setScreen('counter');
    },
  });

  return (
    <>
      <AppHeader
        operator={props.operator}
        siteName={props.settings.siteName}
        serviceName={serviceName(props.settings.service)}
        screen={screen}
        onScreen={setScreen}
        onSignOut={signOut}
        onToggleLanguage={props.onToggleLanguage}
      />
      <div className="app-body">
        <div className="screen-slot" hidden={screen !== 'counter'}>
          <CounterScreen
            operator={props.operator}
            settings={props.settings}
            serviceName={serviceName(props.settings.service)}
            active={screen === 'counter'}
            onSettings={props.onSettings}
            onActivity={props.onActivity}
          />
        </div>
        {screen === 'history' && <HistoryScreen catalogue={services} serviceName={serviceName} />}
        {screen === 'settings' &&
          (supervisor ? (
            <SettingsScreen settings={props.settings} catalogue={services} onSaved={props.onSettings} />
          ) : (
            <main className="settings-screen">
              <p className="notice notice-error" role="alert" data-testid="settings-forbidden">
                {ADMIN_TEXT[locale].supervisorOnly}
              </p>
            </main>
          ))}
      </div>
    </>
  );
}
