import { useState } from 'react';
import { useSession } from '../app/session-context.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';
import { CardDetail } from './card-detail.js';
import { CardList } from './card-list.js';
import { FindCard } from './find-card.js';
import { IssueCardForm } from './issue-card-form.js';

/** Cards: find one, issue one (officer, admin: an auditor sees no form), and the list. */
export function CardsPage() {
  const t = useText(CARDS_TEXT);
  const { staff } = useSession();
  const [changes, setChanges] = useState(0);
  const [open, setOpen] = useState<string | undefined>();
  const changed = () => setChanges((n) => n + 1);
  return (
    <section aria-labelledby="cards-title" className="page">
      <h1 id="cards-title">{t.title}</h1>
      <FindCard onOpen={setOpen} />
      {open !== undefined && <CardDetail key={open} sub={open} onClose={() => setOpen(undefined)} onChanged={changed} onOpen={setOpen} />}
      {staff.role !== 'auditor' && <IssueCardForm onIssued={changed} />}
      <CardList refresh={changes} onOpen={setOpen} />
    </section>
  );
}
