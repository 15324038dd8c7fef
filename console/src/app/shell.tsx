import { useEffect, useState } from 'react';
import { okResponseSchema } from '../../../shared/console/console-api.js';
import { apiPost } from '../api/console-client.js';
import { useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { CardsPage } from '../cards/cards-page.js';
import { FlagsPage } from '../flags/flags-page.js';
import { KeysPage } from '../keys/keys-page.js';
import { StaffLogPage } from '../log/staff-log-page.js';
import { OverviewPage } from '../overview/overview-page.js';
import { RulesPage } from '../rules/rules-page.js';
import { TerminalsPage } from '../terminals/terminals-page.js';
import { UsagePage } from '../usage/usage-page.js';
import { StaffPage } from '../staff/staff-page.js';
import { pageFromHash, pagesFor, type PageId } from './pages.js';
import { useSession } from './session-context.js';

/** The frame of every page: who is signed in, the language switch, sign-out, and the navigation the role allows. */
export function Shell(props: { onSignedOut: () => void; onToggleLocale: () => void }) {
  const t = useText(SHELL_TEXT);
  const session = useSession();
  const role = session.staff.role;
  const [page, setPage] = useState<PageId | undefined>(() => pageFromHash(window.location.hash, role));

  useEffect(() => {
    const follow = () => setPage(pageFromHash(window.location.hash, role));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [role]);

  const signOut = async () => {
    // Signed out locally whatever the hub answers (an ended session answers 401).
    await apiPost('/sign-out', session.csrfToken, undefined, okResponseSchema).catch(() => undefined);
    props.onSignedOut();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="shell-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            金
          </span>
          <div>
            <p className="brand-name">{t.appName}</p>
            <p className="brand-sub">{t.bureau}</p>
          </div>
        </div>
        <div className="shell-user">
          <span data-testid="signed-in-as">{t.signedInAs(session.staff.name, t.role[role])}</span>
          <button type="button" className="button quiet" onClick={props.onToggleLocale} lang={t.switchLanguage === 'English' ? 'en' : 'zh-CN'}>
            {t.switchLanguage}
          </button>
          <button type="button" className="button quiet" onClick={() => void signOut()} data-testid="sign-out">
            {t.signOut}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="shell-nav" aria-label={t.nav}>
          <ul>
            {pagesFor(role).map((p) => (
              <li key={p}>
                <a href={`#/${p}`} aria-current={p === page ? 'page' : undefined} data-testid={`nav-${p}`}>
                  {t.page[p]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="shell-main" tabIndex={-1}>
          {page === 'overview' && <OverviewPage />}
          {page === 'cards' && <CardsPage />}
          {page === 'usage' && <UsagePage />}
          {page === 'flags' && <FlagsPage />}
          {page === 'terminals' && <TerminalsPage />}
          {page === 'rules' && <RulesPage />}
          {page === 'keys' && <KeysPage />}
          {page === 'staff' && <StaffPage />}
          {page === 'staff-log' && <StaffLogPage />}
          {page === undefined && <p className="empty-role">{t.noPages}</p>}
        </main>
      </div>
    </div>
  );
}
