import type { HistoryItem } from '../../../shared/api/api-types.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { VERDICT_TEXT } from '../../../shared/i18n/ui-text.js';
import { companionTotal } from '../../../shared/relations.js';
import { isWarningCode } from '../../../shared/reason-codes.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { splitCardRef } from '../util/card-fields.js';
import { clockTime } from '../util/time-format.js';

/** A card number never broken inside (DEMO-LC-A-\n0001 is easy to misread), its issuer small beneath. */
function CardRef(props: { card: string; issuerName: (iss: string) => string }) {
  const { iss, sub } = splitCardRef(props.card);
  return (
    <>
      <span className="card-number nowrap">{sub}</span>
      {iss !== '' && <span className="history-issuer">{props.issuerName(iss)}</span>}
    </>
  );
}

/** Today's decisions, newest first, one row each. */
export function HistoryTable(props: { items: HistoryItem[]; serviceName: (id: string) => string }) {
  const locale = useLocale();
  const t = useText(ADMIN_TEXT);
  if (props.items.length === 0) return <p className="muted history-empty">{t.empty}</p>;
  return (
    <table className="history-table">
      <thead>
        <tr>
          <th scope="col">{t.colTime}</th>
          <th scope="col">{t.colService}</th>
          <th scope="col">{t.colVerdict}</th>
          <th scope="col">{t.colReason}</th>
          <th scope="col">{t.colHolder}</th>
          <th scope="col">{t.colCard}</th>
          <th scope="col">{t.colCompanions}</th>
          <th scope="col">{t.colRecorded}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => {
          const notes = [
            ...(item.reason !== null ? [REASON_TEXT[item.reason].title[locale]] : []),
            ...item.warnings.filter(isWarningCode).map((w) => `⚠ ${REASON_TEXT[w].title[locale]}`),
          ];
          return (
            <tr key={item.id} data-testid="history-row" data-decision={item.decision} data-service={item.service}>
              <td className="nowrap">{clockTime(item.at)}</td>
              <td>{props.serviceName(item.service)}</td>
              <td className={`history-verdict history-${item.decision}`}>
                {item.decision === 'accept' ? '✔' : '✖'} {VERDICT_TEXT[item.decision][locale]}
              </td>
              <td>{notes.join('；')}</td>
              <td className="nowrap">{item.holder ?? '—'}</td>
              <td className="history-card">{item.card === null ? '—' : <CardRef card={item.card} issuerName={t.issuerShort} />}</td>
              <td className="numeric">{companionTotal(item.companions)}</td>
              <td className="nowrap">{item.recorded ? `✔ ${t.yes}` : t.no}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
