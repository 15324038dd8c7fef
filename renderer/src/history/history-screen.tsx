import { useEffect, useId, useState } from 'react';
import type { DaySummary, HistoryItem } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { useText } from '../i18n/locale-context.js';
import { useApiErrorText } from '../i18n/use-api-error-text.js';
import { runAsync } from '../util/run-async.js';
import { shanghaiToday } from '../util/time-format.js';
import { downloadCsv } from './download-csv.js';
import { HistoryTable } from './history-table.js';
import { SummaryPanel } from './summary-panel.js';

type DecisionFilter = 'all' | 'accept' | 'reject';

/** Today's decisions with filters, today's summary and CSV export. */
export function HistoryScreen(props: { catalogue: { id: string; name: string }[]; serviceName: (id: string) => string }) {
  const t = useText(ADMIN_TEXT);
  const errorText = useApiErrorText();
  const call = useApi();
  const [decision, setDecision] = useState<DecisionFilter>('all');
  const [service, setService] = useState('');
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [summary, setSummary] = useState<DaySummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const decisionId = useId();
  const serviceId = useId();

  useEffect(() => {
    let live = true;
    runAsync(
      call('history.list', {
        ...(decision !== 'all' ? { decision } : {}),
        ...(service !== '' ? { service } : {}),
        limit: 500,
      }).then((result) => {
        if (!live) return;
        if (result.ok) setItems(result.value);
        else setMessage(errorText(result.error));
      }),
    );
    return () => {
      live = false;
    };
  }, [call, decision, service, errorText]);

  useEffect(() => {
    runAsync(
      call('history.summary', {}).then((result) => {
        if (result.ok) setSummary(result.value);
      }),
    );
  }, [call]);

  const exportCsv = async (): Promise<void> => {
    const result = await call('history.exportCsv', {});
    if (!result.ok) return setMessage(errorText(result.error));
    downloadCsv(result.value.filename, result.value.csv);
    setMessage(t.exported(result.value.filename));
  };

  return (
    <main className="history-screen" aria-labelledby="history-title" tabIndex={-1}>
      <div className="history-main">
        <header className="screen-header">
          <h1 id="history-title">{t.historyTitle(summary?.day ?? shanghaiToday())}</h1>
          <div className="filters">
            <label className="field-inline" htmlFor={decisionId}>
              {t.filterDecision}
            </label>
            <select id={decisionId} data-testid="history-filter-decision" value={decision} onChange={(e) => setDecision(e.target.value as DecisionFilter)}>
              <option value="all">{t.all}</option>
              <option value="accept">✔ {t.accepted}</option>
              <option value="reject">✖ {t.rejected}</option>
            </select>
            <label className="field-inline" htmlFor={serviceId}>
              {t.filterService}
            </label>
            <select id={serviceId} data-testid="history-filter-service" value={service} onChange={(e) => setService(e.target.value)}>
              <option value="">{t.all}</option>
              {props.catalogue.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button type="button" className="button" data-testid="history-export" onClick={() => runAsync(exportCsv())}>
              {t.exportCsv}
            </button>
          </div>
        </header>
        {message !== null && (
          <p className="notice" role="status" data-testid="history-message">
            {message}
          </p>
        )}
        <div className="history-list">{items !== null && <HistoryTable items={items} serviceName={props.serviceName} />}</div>
      </div>
      {summary !== null && <SummaryPanel summary={summary} serviceName={props.serviceName} />}
    </main>
  );
}
