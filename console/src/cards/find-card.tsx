import { useState, type FormEvent } from 'react';
import { CARD_PATHS, cardDetailResponseSchema, cardFindResponseSchema, type CardView } from '../../../shared/console/card-api.js';
import { apiGet, apiPost, ConsoleApiError } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useText } from '../i18n/locale-context.js';
import { CardSummary } from './card-summary.js';

type Found = { kind: 'card'; card: CardView } | { kind: 'none'; words: string } | undefined;

/**
 * Finds a card by its number (GET) or by the holder's ID number (POST body, never the address;
 * the field is cleared once the hub answers, and the answer never repeats it).
 */
export function FindCard(props: { onOpen: (sub: string) => void }) {
  const t = useText(CARDS_TEXT);
  const { csrfToken } = useSession();
  const [sub, setSub] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [found, setFound] = useState<Found>();
  const { run, busy, problem } = useAction();

  const bySub = (event: FormEvent) => {
    event.preventDefault();
    const wanted = sub.trim().toUpperCase();
    if (wanted === '') return;
    setFound(undefined);
    void run(async () => {
      try {
        setFound({ kind: 'card', card: (await apiGet(CARD_PATHS.card(wanted), cardDetailResponseSchema)).card });
      } catch (error) {
        if (error instanceof ConsoleApiError && error.code === 'NOT_FOUND') setFound({ kind: 'none', words: t.notFound });
        else throw error;
      }
    });
  };

  const byId = (event: FormEvent) => {
    event.preventDefault();
    if (idNumber.trim() === '') return;
    setFound(undefined);
    void run(async () => {
      const answer = await apiPost(CARD_PATHS.findById, csrfToken, { idNumber }, cardFindResponseSchema);
      setIdNumber('');
      setFound(answer.card === null ? { kind: 'none', words: t.noCardForId } : { kind: 'card', card: answer.card });
    });
  };

  return (
    <section className="panel" aria-labelledby="find-title">
      <h2 id="find-title">{t.findTitle}</h2>
      <div className="form-grid">
        <form className="inline-form" onSubmit={bySub}>
          <label className="field">
            <span>{t.bySub}</span>
            <input type="text" value={sub} onChange={(e) => setSub(e.target.value)} placeholder={t.bySubHint} spellCheck={false} data-testid="find-sub" />
          </label>
          <button type="submit" className="button primary" disabled={busy}>
            {t.find}
          </button>
        </form>
        <form className="inline-form" onSubmit={byId}>
          <label className="field">
            <span>{t.byId}</span>
            <input
              type="password"
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              autoComplete="off"
              aria-describedby="find-id-hint"
              data-testid="find-id"
            />
            <small id="find-id-hint">{t.byIdHint}</small>
          </label>
          <button type="submit" className="button primary" disabled={busy}>
            {t.find}
          </button>
        </form>
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div role="status" data-testid="find-result">
        {found?.kind === 'none' && <p className="banner warn">{found.words}</p>}
        {found?.kind === 'card' && <CardSummary card={found.card} onOpen={props.onOpen} />}
      </div>
    </section>
  );
}
