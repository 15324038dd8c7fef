import type { OperatorView } from '../../../shared/api/api-types.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { useText } from '../i18n/locale-context.js';
import type { Screen } from './screen.js';

/** The top bar: where we are, and the screens with their function keys written on the buttons. */
export function AppHeader(props: {
  operator: OperatorView;
  siteName: string;
  serviceName: string;
  screen: Screen;
  onScreen: (screen: Screen) => void;
  onSignOut: () => void;
  onToggleLanguage: () => void;
}) {
  const t = useText(SHELL_TEXT);
  const supervisor = props.operator.role === 'supervisor';
  return (
    <header className="app-header">
      <div className="app-title">
        <span className="app-brand" aria-hidden="true">
          金卡
        </span>
        <div>
          <p className="app-site" data-testid="header-site">
            {props.siteName}
          </p>
          <p className="app-service" data-testid="header-service">
            {t.service}
            {t.colon}
            {props.serviceName}
          </p>
        </div>
      </div>
      <nav className="app-nav" aria-label={t.appName}>
        {props.screen !== 'counter' && (
          <button type="button" className="button nav-button" data-testid="nav-scan" onClick={() => props.onScreen('counter')}>
            {t.backToScan} <kbd>Esc</kbd>
          </button>
        )}
        <button
          type="button"
          className="button nav-button"
          data-testid="nav-history"
          aria-pressed={props.screen === 'history'}
          onClick={() => props.onScreen(props.screen === 'history' ? 'counter' : 'history')}
        >
          {t.history} <kbd>F2</kbd>
        </button>
        {supervisor && (
          <button
            type="button"
            className="button nav-button"
            data-testid="nav-settings"
            aria-pressed={props.screen === 'settings'}
            onClick={() => props.onScreen(props.screen === 'settings' ? 'counter' : 'settings')}
          >
            {t.settings} <kbd>F3</kbd>
          </button>
        )}
        <button type="button" className="button nav-button" data-testid="nav-signout" onClick={props.onSignOut}>
          {t.signOut} <kbd>F9</kbd>
        </button>
        <button type="button" className="button nav-button lang-switch" data-testid="lang-switch" onClick={props.onToggleLanguage} lang={t.switchLanguage === 'English' ? 'en' : 'zh-CN'}>
          {t.switchLanguage}
        </button>
      </nav>
    </header>
  );
}
