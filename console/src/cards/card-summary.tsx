import { CARD_PATHS, type CardView } from '../../../shared/console/card-api.js';
import { validDays } from '../../../shared/time/shanghai-calendar.js';
import { DownloadLink } from '../app/download-link.js';
import { bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { CARDS_TEXT } from '../i18n/cards-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';

/**
 * One card as the console shows it (masked name, the ID number's last four only), with its
 * downloads for an officer or admin while the card is in force or not yet valid (the hub refuses
 * the rest: CARD_NOT_IN_FORCE, FORBIDDEN). An auditor reads; the sheet, QR and token are credentials.
 */
export function CardSummary(props: { card: CardView; onOpen?: (sub: string) => void }) {
  const t = useText(CARDS_TEXT);
  const locale = useLocale();
  const { staff } = useSession();
  const c = props.card;
  const inForce = c.status === 'valid' || c.status === 'pending';
  const downloads = inForce && staff.role !== 'auditor';
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
      {!inForce && <p className="hint" data-testid="no-downloads">{t.noDownloads(c.status === 'expired' ? 'expired' : c.replacedBy !== null ? 'replaced' : 'revoked')}</p>}
      {(props.onOpen !== undefined || downloads) && (
        <p className="downloads">
          {props.onOpen !== undefined && (
            <button type="button" className="button primary" onClick={() => props.onOpen?.(c.sub)} data-testid="card-open">
              {t.open}
            </button>
          )}
          {downloads && (
            <>
              <DownloadLink className="button" path={CARD_PATHS.cardSheet(c.sub)} fileName={`${c.sub}.pdf`} testId="download-sheet">
                {t.sheet}
              </DownloadLink>
              <DownloadLink className="button" path={CARD_PATHS.cardQr(c.sub)} fileName={`${c.sub}.png`} testId="download-qr">
                {t.qr}
              </DownloadLink>
              <DownloadLink className="button" path={CARD_PATHS.cardToken(c.sub)} fileName={`${c.sub}.txt`} testId="download-token">
                {t.token}
              </DownloadLink>
            </>
          )}
        </p>
      )}
    </section>
  );
}
