import { useCallback, useEffect, useState } from 'react';
import { CARD_PATHS, cardListResponseSchema, cardStatusSchema, tierSchema, type CardListResponse, type CardStatus } from '../../../shared/console/card-api.js';
import { validDays } from '../../../shared/time/shanghai-calendar.js';
import { apiGet } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';

const PAGE = 50;
type Tier = (typeof tierSchema.options)[number];

/** The card list with tier, state and issue-day filters (Shanghai days, both included), a page at a time; `refresh` changes when a card was issued. */
export function CardList(props: { refresh: number; onOpen: (sub: string) => void }) {
  const t = useText(CARDS_TEXT);
  const shell = useText(SHELL_TEXT);
  const locale = useLocale();
  const [tier, setTier] = useState<Tier | ''>('');
  const [status, setStatus] = useState<CardStatus | ''>('');
  const [issuedFrom, setIssuedFrom] = useState('');
  const [issuedTo, setIssuedTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [answer, setAnswer] = useState<{ query: string; list: CardListResponse } | undefined>();
  const { run, busy, problem } = useAction();
  const latest = useLatestAnswer();

  const params = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (tier !== '') params.set('tier', tier);
  if (status !== '') params.set('status', status);
  if (issuedFrom !== '') params.set('issuedFrom', issuedFrom);
  if (issuedTo !== '') params.set('issuedTo', issuedTo);
  const query = params.toString();
  // Only the list of the filters now chosen: while their read is on its way, or when it was
  // refused, no other filter's cards stand under them.
  const list = answer?.query === query ? answer.list : undefined;
  const load = useCallback(
    () => run(() => latest(apiGet(`${CARD_PATHS.list}?${query}`, cardListResponseSchema), (list) => setAnswer({ query, list }))),
    [run, latest, query],
  );
  useEffect(() => {
    void load();
  }, [load, props.refresh]);

  return (
    <section className="panel" aria-labelledby="list-title">
      <h2 id="list-title">{t.listTitle}</h2>
      <div className="filters">
        <label className="field">
          <span>{t.tier}</span>
          <select
            data-testid="list-tier"
            value={tier}
            onChange={(e) => {
              setTier(e.target.value as Tier | '');
              setOffset(0);
            }}
          >
            <option value="">{t.anyTier}</option>
            {tierSchema.options.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.status}</span>
          <select
            data-testid="list-status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as CardStatus | '');
              setOffset(0);
            }}
          >
            <option value="">{t.anyStatus}</option>
            {cardStatusSchema.options.map((x) => (
              <option key={x} value={x}>
                {t.statusName[x]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.issuedFrom}</span>
          <input
            type="date"
            value={issuedFrom}
            max={issuedTo === '' ? undefined : issuedTo}
            onChange={(e) => {
              setIssuedFrom(e.target.value);
              setOffset(0);
            }}
            data-testid="list-issued-from"
          />
        </label>
        <label className="field">
          <span>{t.issuedTo}</span>
          <input
            type="date"
            value={issuedTo}
            min={issuedFrom === '' ? undefined : issuedFrom}
            onChange={(e) => {
              setIssuedTo(e.target.value);
              setOffset(0);
            }}
            data-testid="list-issued-to"
          />
        </label>
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      {list === undefined && busy && <p>{shell.loading}</p>}
      {list !== undefined &&
        (list.cards.length === 0 ? (
          <p>{t.noCards}</p>
        ) : (
          <table className="table compact" data-testid="card-table">
            <caption>{t.total(list.total, list.offset + 1, list.offset + list.cards.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colSub}</th>
                <th scope="col">{t.colHolder}</th>
                <th scope="col">{t.colIdTail}</th>
                <th scope="col">{t.tier}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.colValid}</th>
                <th scope="col">{t.colIssued}</th>
              </tr>
            </thead>
            <tbody>
              {list.cards.map((c) => (
                <tr key={c.sub} data-sub={c.sub}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => props.onOpen(c.sub)} aria-label={`${t.open} ${c.sub}`}>
                      {c.sub}
                    </button>
                  </th>
                  <td>{c.maskedName}</td>
                  <td>{c.idTail}</td>
                  <td>{c.tier}</td>
                  <td>
                    <span className={`badge status-${c.status}`}>{t.statusName[c.status]}</span>
                  </td>
                  <td className="nowrap">{validDays(c.validFrom, c.validUntil)}</td>
                  <td className="nowrap">{bureauTime(c.issuedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {list !== undefined && list.total > PAGE && (
        <div className="actions">
          <button type="button" className="button" disabled={busy || offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t.previous}
          </button>
          <button type="button" className="button" disabled={busy || offset + PAGE >= list.total} onClick={() => setOffset(offset + PAGE)}>
            {t.next}
          </button>
        </div>
      )}
    </section>
  );
}
