import { CARD_PATHS, type CardView } from '../../../shared/console/card-api.js';
import { apiUrl } from '../api/console-client.js';
import { bureauTime, validDays } from '../app/format-time.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/** One card as the console shows it (masked name, the ID number's last four only), with its downloads. */
export function CardSummary(props: { card: CardView; onOpen?: (sub: string) => void }) {
  const t = useText(CARDS_TEXT);
  const locale = useLocale();
  const c = props.card;
  return (
    <section className="card-summary" aria-label={t.cardTitle(c.sub)} data-testid="card-summary" data-sub={c.sub}>
      <h3>
        {t.cardTitle(c.sub)} <span className={`badge status-${c.status}`}>{t.statusName[c.status]}</span>
      </h3>
      <dl className="facts">
        <dt>{t.colHolder}</dt>
        <dd>{c.maskedName}</dd>
        <dt>{t.colIdTail}</dt>
        <dd>{c.idTail}</dd>
        <dt>{t.tier}</dt>
        <dd>
          {c.tier} · {t.categoryOption(c.category)}
        </dd>
        <dt>{t.colValid}</dt>
        <dd>{validDays(c.validFrom, c.validUntil)}</dd>
        <dt>{t.colIssued}</dt>
        <dd>{bureauTime(c.issuedAt, locale)}</dd>
      </dl>
      {c.revokeReason !== null && <p className="bad-note">{t.revokedBecause(c.revokeReason)}</p>}
      {c.replacedBy !== null && <p>{t.replacedBy(c.replacedBy)}</p>}
      <p className="downloads">
        {props.onOpen !== undefined && (
          <button type="button" className="button primary" onClick={() => props.onOpen?.(c.sub)} data-testid="card-open">
            {t.open}
          </button>
        )}
        <a className="button" href={apiUrl(CARD_PATHS.cardSheet(c.sub))} download={`${c.sub}.pdf`}>
          {t.sheet}
        </a>
        <a className="button" href={apiUrl(CARD_PATHS.cardQr(c.sub))} download={`${c.sub}.png`}>
          {t.qr}
        </a>
        <a className="button" href={apiUrl(CARD_PATHS.cardToken(c.sub))} download={`${c.sub}.txt`}>
          {t.token}
        </a>
      </p>
    </section>
  );
}
