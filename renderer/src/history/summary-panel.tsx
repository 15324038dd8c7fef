import type { DaySummary } from '../../../shared/api/api-types.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { RELATION_TEXT } from '../../../shared/i18n/ui-text.js';
import { REASON_CODES } from '../../../shared/reason-codes.js';
import { RELATIONS } from '../../../shared/relations.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { BarChart, type Bar } from './bar-chart.js';

/** Today's figures: checks, uses by service (chart), companions counted, rejections by reason. */
export function SummaryPanel(props: { summary: DaySummary; serviceName: (id: string) => string }) {
  const locale = useLocale();
  const t = useText(ADMIN_TEXT);
  const { summary } = props;
  const uses: Bar[] = Object.entries(summary.usesByService)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => ({ key: id, label: props.serviceName(id), value: n }));
  const rejections: Bar[] = REASON_CODES.filter((code) => (summary.rejectionsByReason[code] ?? 0) > 0).map((code) => ({
    key: code,
    label: REASON_TEXT[code].title[locale],
    value: summary.rejectionsByReason[code] ?? 0,
  }));
  const companions = RELATIONS.filter((r) => summary.companionsByRelation[r] > 0);
  const companionTotal = RELATIONS.reduce((sum, r) => sum + summary.companionsByRelation[r], 0);
  return (
    <section className="summary" data-testid="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{t.summaryTitle}</h2>
      <div className="summary-figures">
        <p>
          <span className="figure" data-testid="summary-decisions">{summary.decisions}</span> {t.decisions}
        </p>
        <p className="figure-accept">
          <span className="figure" data-testid="summary-accepted">{summary.accepted}</span> ✔ {t.accepted}
        </p>
        <p className="figure-reject">
          <span className="figure" data-testid="summary-rejected">{summary.rejected}</span> ✖ {t.rejected}
        </p>
        <p>
          <span className="figure" data-testid="summary-companions">{companionTotal}</span> {t.companionsCounted}
        </p>
      </div>
      <h3>{t.usesByService}</h3>
      {uses.length === 0 ? <p className="muted">{t.none}</p> : <BarChart bars={uses} title={t.usesByService} tone="accept" testId="summary-chart" />}
      {companions.length > 0 && (
        <p className="summary-companions">
          {companions.map((r) => `${RELATION_TEXT[r][locale]} ${summary.companionsByRelation[r]}`).join(' · ')}
        </p>
      )}
      <h3>{t.rejectionsByReason}</h3>
      {rejections.length === 0 ? <p className="muted">{t.none}</p> : <BarChart bars={rejections} title={t.rejectionsByReason} tone="reject" testId="summary-rejections" />}
    </section>
  );
}
