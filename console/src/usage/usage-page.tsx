import { useCallback, useEffect, useState } from 'react';
import { USAGE_PATHS, usageResponseSchema, type UsageQuery, type UsageResponse } from '../../../shared/console/usage-api.js';
import type { Localized } from '../../../shared/i18n/locale.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import { apiGet } from '../api/console-client.js';
import { DownloadLink } from '../app/download-link.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { OVERVIEW_TEXT } from '../i18n/overview-text.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { USAGE_TEXT } from '../i18n/usage-text.js';
import { GroupPanel } from './group-panel.js';
import { RangeForm } from './range-form.js';
import { quickRange, rangeQuery } from './report-range.js';
import { useServiceName } from './service-names.js';
import { UsageDetail } from './usage-detail.js';

const RELATIONS: Readonly<Record<string, Localized>> = RELATION_TEXT;

/**
 * Usage and reports (every role): a range of Shanghai days (this month by default), the totals and
 * the voided uses in one sentence, uses by service, site, day and tier (bars and tables),
 * companions by relation as the counter names them, the detail rows, and the CSV and .xlsx of the
 * same range (the hub writes each export to the staff log).
 */
export function UsagePage() {
  const t = useText(USAGE_TEXT);
  const shell = useText(SHELL_TEXT);
  const tierName = useText(OVERVIEW_TEXT).tier;
  const locale = useLocale();
  const serviceName = useServiceName();
  const [range, setRange] = useState<UsageQuery>(() => quickRange('thisMonth', Date.now()));
  const [report, setReport] = useState<UsageResponse | undefined>();
  const { run, problem } = useAction();

  const latest = useLatestAnswer();
  const load = useCallback((r: UsageQuery) => run(() => latest(apiGet(`${USAGE_PATHS.report}?${rangeQuery(r)}`, usageResponseSchema), setReport)), [run, latest]);
  useEffect(() => {
    void load(range);
  }, [load, range]);

  const relationName = (relation: string) => RELATIONS[relation]?.[locale] ?? relation;
  const shown = report !== undefined && report.from === range.from && report.to === range.to ? report : undefined;
  const query = rangeQuery(range);

  return (
    <section aria-labelledby="usage-title" className="page">
      <div className="page-head">
        <h1 id="usage-title">{t.title}</h1>
      </div>
      <p className="lead">{t.lead}</p>
      <section className="panel">
        <RangeForm key={query} range={range} onRange={setRange} />
        <div className="downloads">
          <DownloadLink className="button" path={`${USAGE_PATHS.csv}?${query}`} fileName={`usage-${range.from}-${range.to}.csv`} testId="usage-csv">
            {t.downloadCsv}
          </DownloadLink>
          <DownloadLink className="button" path={`${USAGE_PATHS.xlsx}?${query}`} fileName={`usage-${range.from}-${range.to}.xlsx`} testId="usage-xlsx">
            {t.downloadXlsx}
          </DownloadLink>
        </div>
        <p className="hint">{t.exportNote}</p>
      </section>
      <p className="problem" role="alert">
        {problem}
      </p>
      {shown === undefined ? (
        <p>{shell.loading}</p>
      ) : (
        <>
          <h2 className="range-shown" data-testid="usage-range-shown">
            {t.rangeShown(shown.from, shown.to)}
          </h2>
          <div className="tiles">
            <div className="tile" data-testid="usage-total-uses">
              <p className="tile-label">{t.uses}</p>
              <p className="tile-value">{shown.totals.uses}</p>
            </div>
            <div className="tile" data-testid="usage-total-companions">
              <p className="tile-label">{t.companions}</p>
              <p className="tile-value">{shown.totals.companions}</p>
            </div>
            <div className="tile" data-testid="usage-voided">
              <p className="tile-label">{t.voided}</p>
              <p className="tile-value">{shown.voided}</p>
              <p className="tile-detail">{shown.voided === 0 ? t.noVoided : t.voidedSentence(shown.voided)}</p>
            </div>
          </div>
          <div className="usage-groups">
            <GroupPanel title={t.byService} groups={shown.byService} label={serviceName} testId="usage-by-service" />
            <GroupPanel title={t.bySite} groups={shown.bySite} label={(site) => site} testId="usage-by-site" />
            <GroupPanel title={t.byTier} groups={shown.byTier} label={tierName} testId="usage-by-tier" />
            <section className="panel" aria-labelledby="relations-title" data-testid="usage-companions">
              <h2 id="relations-title">{t.companionsByRelation}</h2>
              {shown.companionsByRelation.length === 0 ? (
                <p>{t.noCompanions}</p>
              ) : (
                <table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col">{t.relation}</th>
                      <th scope="col" className="num">
                        {t.people}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.companionsByRelation.map((c) => (
                      <tr key={c.relation} data-key={c.relation}>
                        <th scope="row">{relationName(c.relation)}</th>
                        <td className="num">{c.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <GroupPanel title={t.byDay} groups={shown.byDay} label={(day) => day} testId="usage-by-day" sortByUses={false} />
          <UsageDetail rows={shown.rows} serviceName={serviceName} tierName={tierName} />
        </>
      )}
    </section>
  );
}
