import { useCallback, useEffect, useState } from 'react';
import { CARD_PATHS, cardDetailResponseSchema, type CardDetailResponse } from '../../../shared/console/card-api.js';
import { apiGet } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { lastShanghaiDate } from '../../../shared/time/shanghai-calendar.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { useServiceName } from '../usage/service-names.js';
import { CardSummary } from './card-summary.js';
import { WithdrawCard } from './withdraw-card.js';

/** A card with each quota's state (greyed once the card is out of force) and its uses by service name; revoke and re-issue for officers and admins. */
export function CardDetail(props: { sub: string; onClose: () => void; onChanged: () => void; onOpen: (sub: string) => void }) {
  const t = useText(CARDS_TEXT);
  const locale = useLocale();
  const { staff } = useSession();
  const [detail, setDetail] = useState<CardDetailResponse | undefined>();
  const [notice, setNotice] = useState<{ words: string; newSub: string | undefined } | undefined>();
  const { run, problem } = useAction();
  const serviceName = useServiceName();
  const latest = useLatestAnswer();
  const load = useCallback(() => run(() => latest(apiGet(CARD_PATHS.card(props.sub), cardDetailResponseSchema), setDetail)), [run, latest, props.sub]);
  useEffect(() => {
    void load();
  }, [load]);

  const card = detail?.card;
  const inForce = card !== undefined && (card.status === 'valid' || card.status === 'pending');
  const withdrawable = inForce && staff.role !== 'auditor';
  return (
    <section className="panel detail" aria-label={t.cardTitle(props.sub)} data-testid="card-detail">
      <div className="page-head">
        <h2>{t.cardTitle(props.sub)}</h2>
        <button type="button" className="button quiet" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div role="status" data-testid="detail-notice">
        {notice !== undefined && (
          <p className="banner good">
            {notice.words}{' '}
            {notice.newSub !== undefined && (
              <button type="button" className="link-button" onClick={() => props.onOpen(notice.newSub ?? props.sub)}>
                {t.open} {notice.newSub}
              </button>
            )}
          </p>
        )}
      </div>
      {detail !== undefined && card !== undefined && (
        <>
          <CardSummary card={card} />
          {!inForce && (
            <p className="hint" data-testid="quotas-over">
              {t.quotasOver}
            </p>
          )}
          <table className={inForce ? 'table compact' : 'table compact out-of-force'} data-testid="card-quotas">
            <caption>{t.quotasTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colService}</th>
                <th scope="col">{t.colPeriod}</th>
                <th scope="col" className="num">
                  {t.colUsed}
                </th>
                <th scope="col" className="num">
                  {t.colRemaining}
                </th>
                <th scope="col">{t.colPeriodEnd}</th>
              </tr>
            </thead>
            <tbody>
              {detail.quotas.map((q) => (
                <tr key={`${q.service}/${q.beneficiary ?? ''}`}>
                  <th scope="row">
                    {q.name[locale]}
                    {q.beneficiary !== null && ` · ${t.beneficiary[q.beneficiary] ?? q.beneficiary}`}
                  </th>
                  <td>{t.period[q.period]}</td>
                  <td className="num">
                    {q.used} / {q.limit}
                  </td>
                  <td className="num">{q.ended ? t.ended : q.remaining}</td>
                  {/* The hub answers the period's end as an instant (exclusive); a clerk reads its last day. */}
                  <td className="nowrap">{q.periodEnd === null ? '—' : lastShanghaiDate(Date.parse(q.periodEnd))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {detail.uses.length === 0 ? (
            <p>{t.noUses}</p>
          ) : (
            <table className="table compact" data-testid="card-uses">
              <caption>{t.usesTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colAt}</th>
                  <th scope="col">{t.colService}</th>
                  <th scope="col">{t.colSite}</th>
                  <th scope="col" className="num">
                    {t.colCompanions}
                  </th>
                  <th scope="col">{t.colCounts}</th>
                </tr>
              </thead>
              <tbody>
                {detail.uses.map((u) => (
                  <tr key={u.id}>
                    <td className="nowrap">{bureauTime(u.at, locale)}</td>
                    <td>{serviceName(u.service)}</td>
                    <td>{u.site}</td>
                    <td className="num">{u.companions}</td>
                    <td>{u.counts ? t.counts : t.notCounted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {withdrawable && (
            <WithdrawCard
              sub={card.sub}
              onDone={(words, newSub) => {
                setNotice({ words, newSub });
                void load();
                props.onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
