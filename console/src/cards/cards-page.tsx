import { useState } from 'react';
import { useSession } from '../app/session-context.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';
import { CardDetail } from './card-detail.js';
import { CardList } from './card-list.js';
import { CardsTabs, type CardsTab } from './cards-tabs.js';
import { FindCard } from './find-card.js';
import { IssueCardForm } from './issue-card-form.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { RosterPage } from '../roster/roster-page.js';
import { ROSTER_HASH, rosterRoute, useHash } from '../roster/roster-route.js';

/** Cards: find one and the list first; issuing one in its own tab (officer, admin: an auditor sees no form). */
export function CardsPage() {
  const t = useText(CARDS_TEXT);
  const { staff } = useSession();
  const [changes, setChanges] = useState(0);
  const [open, setOpen] = useState<string | undefined>();
  const [tab, setTab] = useState<CardsTab>('find');
  const changed = () => setChanges((n) => n + 1);
  const rosterT = useText(ROSTER_TEXT);
  const roster = rosterRoute(useHash());
  if (roster.kind !== 'none') return <RosterPage jobId={roster.kind === 'job' ? roster.id : undefined} />;
  return (
    <section aria-labelledby="cards-title" className="page">
      <div className="page-head">
        <h1 id="cards-title">{t.title}</h1>
        <a className="button" href={ROSTER_HASH} data-testid="roster-open">
          {staff.role === 'auditor' ? rosterT.openJobs : rosterT.openImport}
        </a>
      </div>
      {staff.role !== 'auditor' && <CardsTabs tab={tab} onTab={setTab} />}
      {tab === 'issue' && staff.role !== 'auditor' ? (
        <div role="tabpanel" id="cards-tab-panel" aria-labelledby="cards-tab-issue" className="tab-panel">
          <IssueCardForm onIssued={changed} />
        </div>
      ) : (
        <div role={staff.role === 'auditor' ? undefined : 'tabpanel'} id="cards-tab-panel" aria-labelledby="cards-tab-find" className="tab-panel">
          <FindCard onOpen={setOpen} />
          {open !== undefined && <CardDetail key={open} sub={open} onClose={() => setOpen(undefined)} onChanged={changed} onOpen={setOpen} />}
          <CardList refresh={changes} onOpen={setOpen} />
        </div>
      )}
    </section>
  );
}
