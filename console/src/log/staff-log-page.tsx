import { useCallback, useEffect, useState } from 'react';
import { staffLogResponseSchema, type StaffLogView } from '../../../shared/console/console-api.js';
import { apiGet } from '../api/console-client.js';
import { DownloadLink } from '../app/download-link.js';
import { bureauTime } from '../app/format-time.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { STAFF_LOG_TEXT } from '../i18n/staff-log-text.js';
import { outcomeWords } from './outcome-words.js';

const PAGE = 100;

/** The staff log (auditor, admin): the chain's check, the entries page by page, and the whole log as CSV. */
export function StaffLogPage() {
  const t = useText(STAFF_LOG_TEXT);
  const shell = useText(SHELL_TEXT);
  const locale = useLocale();
  const [entries, setEntries] = useState<StaffLogView[] | undefined>();
  const [chainOk, setChainOk] = useState<boolean | undefined>();
  const [more, setMore] = useState(false);
  const { run, busy, problem } = useAction();

  const load = useCallback(
    (after: number) =>
      run(async () => {
        const page = await apiGet(`/staff-log?after=${after}&limit=${PAGE}`, staffLogResponseSchema);
        setEntries((held) => (after === 0 ? page.entries : [...(held ?? []), ...page.entries]));
        setChainOk(page.chainOk);
        setMore(page.entries.length === PAGE);
      }),
    [run],
  );
  useEffect(() => {
    void load(0);
  }, [load]);

  const last = entries?.at(-1)?.seq ?? 0;
  return (
    <section aria-labelledby="log-title" className="page">
      <div className="page-head">
        <h1 id="log-title">{t.title}</h1>
        <DownloadLink className="button" path={'/staff-log.csv'} fileName="staff-log.csv" testId="log-export">
          {t.export}
        </DownloadLink>
      </div>
      <p className="lead">{t.lead}</p>
      {chainOk !== undefined && (
        <p className={chainOk ? 'banner good' : 'banner bad'} role="status" data-testid="log-chain">
          {chainOk ? t.chainOk : t.chainBroken}
        </p>
      )}
      <p className="problem" role="alert">
        {problem}
      </p>
      {entries === undefined ? (
        <p>{shell.loading}</p>
      ) : entries.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <table className="table compact" data-testid="log-table">
          <caption>{t.shown(entries.length)}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t.colSeq}
              </th>
              <th scope="col">{t.colAt}</th>
              <th scope="col">{t.colStaff}</th>
              <th scope="col">{t.colAddress}</th>
              <th scope="col">{t.colAction}</th>
              <th scope="col">{t.colTarget}</th>
              <th scope="col">{t.colOutcome}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} className={e.outcome.startsWith('refused') ? 'refused' : undefined}>
                <td className="num">{e.seq}</td>
                <td className="nowrap">{bureauTime(e.at, locale)}</td>
                <td>{e.staff ?? t.nobody}</td>
                <td>{e.address}</td>
                <td title={e.action}>{t.action[e.action] ?? e.action}</td>
                <td>{e.target ?? '—'}</td>
                <td title={e.outcome}>{outcomeWords(e.action, e.outcome, t, shell.role, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void load(last)}>
            {t.more}
          </button>
        </div>
      )}
    </section>
  );
}
