import type { HistoryItem } from '../../../shared/api/api-types.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { VERDICT_TEXT } from '../../../shared/i18n/ui-text.js';
import { companionTotal } from '../../../shared/relations.js';
import { isWarningCode } from '../../../shared/reason-codes.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { clockTime } from '../util/time-format.js';

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
              <td>{item.holder ?? '—'}</td>
              <td className="card-number">{item.card ?? '—'}</td>
              <td className="numeric">{companionTotal(item.companions)}</td>
              <td>{item.recorded ? `✔ ${t.yes}` : t.no}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
