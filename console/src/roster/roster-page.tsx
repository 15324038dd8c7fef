import { useCallback, useState } from 'react';
import { useSession } from '../app/session-context.js';
import { useText } from '../i18n/locale-context.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { RosterJob } from './roster-job.js';
import { RosterJobs } from './roster-jobs.js';
import { ROSTER_HASH } from './roster-route.js';
import { RosterUpload } from './roster-upload.js';

/**
 * The roster import under Cards (`#/cards/roster`, one job at `#/cards/roster/JOB`): officers and
 * admins choose and check a file, confirm it and download what it issued; an auditor reads the
 * jobs. An auditor gets no file chooser and no confirm (the hub refuses the
 * auditor's import anyway).
 */
export function RosterPage(props: { jobId: string | undefined }) {
  const t = useText(ROSTER_TEXT);
  const { staff } = useSession();
  const [settled, setSettled] = useState(0);
  const onSettled = useCallback(() => setSettled((n) => n + 1), []);
  const writer = staff.role !== 'auditor';
  return (
    <section aria-labelledby="roster-title" className="page" data-testid="roster-page">
      <div className="page-head">
        <h1 id="roster-title">{writer ? t.title : t.openJobs}</h1>
        <a className="button quiet" href="#/cards">
          {t.backToCards}
        </a>
      </div>
      {writer && <p className="lead">{t.lead}</p>}
      {props.jobId !== undefined && <RosterJob key={props.jobId} id={props.jobId} canDownload={writer} onSettled={onSettled} />}
      {props.jobId !== undefined && writer && (
        <p>
          <a className="button" href={ROSTER_HASH} data-testid="roster-another">
            {t.another}
          </a>
        </p>
      )}
      {props.jobId === undefined && writer && <RosterUpload />}
      <RosterJobs refresh={settled} current={props.jobId} />
    </section>
  );
}
