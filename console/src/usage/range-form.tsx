import { useState } from 'react';
import { USAGE_RANGE_DAYS_MAX, type UsageQuery } from '../../../shared/console/usage-api.js';
import { useText } from '../i18n/locale-context.js';
import { USAGE_TEXT } from '../i18n/usage-text.js';
import { quickRange, rangeProblem, type QuickRange } from './report-range.js';

const PICKS: readonly QuickRange[] = ['today', 'thisMonth', 'lastMonth'];

/**
 * The report's range: quick picks (today, this month, last month in Asia/Shanghai) and two days
 * typed or picked; a range the hub would refuse (from after to, longer than it allows) is said
 * here in words and never asked for. The page keys it by the range, so the fields follow a quick pick.
 */
export function RangeForm(props: { range: UsageQuery; onRange: (range: UsageQuery) => void }) {
  const t = useText(USAGE_TEXT);
  const [draft, setDraft] = useState<UsageQuery>(props.range);
  const problem = rangeProblem(draft);
  const words = problem === 'order' ? t.badRange : problem === 'length' ? t.rangeTooLong(USAGE_RANGE_DAYS_MAX) : problem === 'day' ? t.badDay : undefined;

  return (
    <form
      className="range-form"
      aria-labelledby="range-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem === undefined) props.onRange(draft);
      }}
      data-testid="usage-range"
    >
      <h2 id="range-title">{t.rangeTitle}</h2>
      <div className="quick-picks" role="group" aria-label={t.rangeTitle}>
        {PICKS.map((pick) => (
          <button key={pick} type="button" className="button" onClick={() => props.onRange(quickRange(pick, Date.now()))} data-testid={`usage-pick-${pick}`}>
            {t[pick]}
          </button>
        ))}
      </div>
      <div className="filters">
        <label className="field">
          <span>{t.from}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required data-testid="usage-from" />
        </label>
        <label className="field">
          <span>{t.to}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required data-testid="usage-to" />
        </label>
        <button type="submit" className="button primary range-show" disabled={problem !== undefined} data-testid="usage-show">
          {t.show}
        </button>
      </div>
      <p className="field-problem" role="alert" data-testid="usage-range-problem">
        {words}
      </p>
    </form>
  );
}
