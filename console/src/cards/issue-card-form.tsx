import { useState, type FormEvent } from 'react';
import { CARD_PATHS, issueCardResponseSchema, type CardView } from '../../../shared/console/card-api.js';
import { idNumberProblem, nameProblem } from '../../../shared/console/card-holder-checks.js';
import { apiPost } from '../api/console-client.js';
import { shanghaiDate } from '../../../shared/time/shanghai-calendar.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { CARDS_TEXT, type CardsText } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';
import { CardSummary } from './card-summary.js';

const CATEGORIES = [1, 2, 3, 4, 5] as const;

/** The ID number's problem in the page's words (the shared check says which rule; the words are the console's). */
function idWords(idNumber: string, t: CardsText): string | undefined {
  const problem = idNumberProblem(idNumber);
  if (problem === undefined) return undefined;
  return problem.includes('check character') ? t.idCheck : t.idFormat;
}

/** A year from today, the day before (both included): the usual validity, which the officer may change. */
function defaultUntil(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const next = new Date(Date.UTC((y ?? 2026) + 1, (m ?? 1) - 1, (d ?? 1) - 1));
  return next.toISOString().slice(0, 10);
}

/** Issues one card, checking the name and the ID number's check character as the officer types (the hub checks again). */
export function IssueCardForm(props: { onIssued: (card: CardView) => void }) {
  const t = useText(CARDS_TEXT);
  const { csrfToken } = useSession();
  const today = shanghaiDate(Date.now());
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [category, setCategory] = useState(1);
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState(() => defaultUntil(today));
  const [issued, setIssued] = useState<CardView | undefined>();
  const { run, busy, problem } = useAction();
  const nameBad = name !== '' && nameProblem(name) !== undefined;
  const idBad = idNumber.length >= 6 ? idWords(idNumber, t) : undefined;
  const ready = name !== '' && !nameBad && idNumber !== '' && idWords(idNumber, t) === undefined && validFrom !== '' && validUntil !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setIssued(undefined);
    void run(async () => {
      const answer = await apiPost(CARD_PATHS.issue, csrfToken, { name, idNumber, category, validFrom, validUntil }, issueCardResponseSchema);
      setIssued(answer.card);
      setName('');
      setIdNumber('');
      props.onIssued(answer.card);
    });
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="issue-title" data-testid="issue-card">
      <h2 id="issue-title">{t.issueTitle}</h2>
      <div className="form-grid">
        <label className="field">
          <span>{t.holderName}</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" aria-invalid={nameBad} aria-describedby="issue-name-problem" />
          <small id="issue-name-problem" className="field-problem">
            {nameBad ? t.nameBad : ''}
          </small>
        </label>
        <label className="field">
          <span>{t.idNumber}</span>
          <input
            type="text"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={idBad !== undefined}
            aria-describedby="issue-id-problem"
            data-testid="issue-id"
          />
          <small id="issue-id-problem" className={idBad === undefined ? undefined : 'field-problem'} data-testid="issue-id-problem">
            {idBad ?? t.idNumberHint}
          </small>
        </label>
        <label className="field">
          <span>{t.category}</span>
          <select value={category} onChange={(e) => setCategory(Number(e.target.value))}>
            {CATEGORIES.map((n) => (
              <option key={n} value={n}>
                {t.categoryOption(n)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.validFrom}</span>
          <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>{t.validUntil}</span>
          <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </label>
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || !ready} data-testid="issue-submit">
          {t.issue}
        </button>
      </div>
      <div role="status">
        {issued !== undefined && (
          <>
            <p className="banner good">{t.issued(issued.sub)}</p>
            <CardSummary card={issued} />
          </>
        )}
      </div>
    </form>
  );
}
