import type { UsageRowView } from '../../../shared/console/usage-api.js';
import { useText } from '../i18n/locale-context.js';
import { USAGE_TEXT } from '../i18n/usage-text.js';

/** The report's rows as the exports hold them: one per day, site, service and tier. */
export function UsageDetail(props: { rows: readonly UsageRowView[]; serviceName: (code: string) => string; tierName: (tier: string) => string }) {
  const t = useText(USAGE_TEXT);
  return (
    <section className="panel" aria-labelledby="usage-detail-title">
      <h2 id="usage-detail-title">{t.detail}</h2>
      {props.rows.length === 0 ? (
        <p>{t.noUses}</p>
      ) : (
        <table className="table compact" data-testid="usage-detail">
          <caption>{t.detailCaption(props.rows.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colDay}</th>
              <th scope="col">{t.colSite}</th>
              <th scope="col">{t.colService}</th>
              <th scope="col">{t.colTier}</th>
              <th scope="col" className="num">
                {t.uses}
              </th>
              <th scope="col" className="num">
                {t.companions}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={`${r.day}|${r.site}|${r.service}|${r.tier}`} data-day={r.day} data-site={r.site} data-service={r.service} data-tier={r.tier}>
                <td className="nowrap">{r.day}</td>
                <td>{r.site}</td>
                <td>{props.serviceName(r.service)}</td>
                <td>{props.tierName(r.tier)}</td>
                <td className="num" data-col="uses">
                  {r.uses}
                </td>
                <td className="num" data-col="companions">
                  {r.companions}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
