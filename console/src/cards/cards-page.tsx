import { useState } from 'react';
import { useSession } from '../app/session-context.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';
import { CardList } from './card-list.js';
import { FindCard } from './find-card.js';
import { IssueCardForm } from './issue-card-form.js';

/** Cards: find one, issue one (officer, admin: an auditor sees no form), and the list. */
export function CardsPage() {
  const t = useText(CARDS_TEXT);
  const { staff } = useSession();
  const [issuedCount, setIssuedCount] = useState(0);
  return (
    <section aria-labelledby="cards-title" className="page">
      <h1 id="cards-title">{t.title}</h1>
      <FindCard />
      {staff.role !== 'auditor' && <IssueCardForm onIssued={() => setIssuedCount((n) => n + 1)} />}
      <CardList refresh={issuedCount} />
    </section>
  );
}
