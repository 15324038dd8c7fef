import { useEffect, useState } from 'react';
import { CARD_PATHS, rosterJobListResponseSchema, type RosterJobView } from '../../../shared/console/card-api.js';
import { apiGet } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { rosterJobHash } from './roster-route.js';

/** The latest import jobs (every member of staff's: the office shares its work), each opening its own address. */
export function RosterJobs(props: { refresh: number; current: string | undefined }) {
  const t = useText(ROSTER_TEXT);
  const locale = useLocale();
  const [jobs, setJobs] = useState<RosterJobView[] | undefined>();
  const { run, problem } = useAction();
  useEffect(() => {
    void run(async () => setJobs((await apiGet(CARD_PATHS.rosterJobs, rosterJobListResponseSchema)).jobs));
  }, [run, props.refresh]);

  return (
    <section className="panel" aria-labelledby="roster-jobs-title" data-testid="roster-jobs">
      <h2 id="roster-jobs-title">{t.jobsTitle}</h2>
      <p className="problem" role="alert">
        {problem}
      </p>
      {jobs?.length === 0 && <p>{t.noJobs}</p>}
      {jobs !== undefined && jobs.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">{t.jobsTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colStarted}</th>
              <th scope="col">{t.colStaff}</th>
              <th scope="col" className="num">
                {t.colLines}
              </th>
              <th scope="col" className="num">
                {t.colIssued}
              </th>
              <th scope="col">{t.colState}</th>
              <th scope="col">
                <span className="visually-hidden">{t.openJob}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-job={j.id} aria-current={j.id === props.current ? 'true' : undefined}>
                <td className="nowrap">{bureauTime(j.createdAt, locale)}</td>
                <td>{j.staff}</td>
                <td className="num">{j.total}</td>
                <td className="num">{j.issued}</td>
                <td>
                  <span className={`badge ${j.state === 'done' ? 'good' : j.state === 'failed' ? 'bad' : 'warn'}`}>{t.state[j.state]}</span>
                </td>
                <td>
                  <a className="button quiet" href={rosterJobHash(j.id)} aria-label={`${t.openJob} ${t.jobTitle(j.id.slice(0, 8), j.total)}`}>
                    {t.openJob}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
