import { useCallback, useEffect, useState } from 'react';
import { CARD_PATHS, rosterJobViewSchema, SHEET_PART_CARDS, type RosterJobView } from '../../../shared/console/card-api.js';
import { apiGet } from '../api/console-client.js';
import { DownloadLink } from '../app/download-link.js';
import { bureauTime } from '../app/format-time.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { jobErrorWords } from './problem-words.js';

/** How often a running job is read again. */
const POLL_MS = 1000;

/** The sheet's parts: part n holds cards (n−1)·SHEET_PART_CARDS+1 … of the job's issued cards. */
function sheetParts(issued: number): { part: number; from: number; to: number }[] {
  return Array.from({ length: Math.ceil(issued / SHEET_PART_CARDS) }, (_, i) => ({ part: i + 1, from: i * SHEET_PART_CARDS + 1, to: Math.min(issued, (i + 1) * SHEET_PART_CARDS) }));
}

/**
 * One import job as the hub keeps it: read from the hub on open (so a reload or another computer
 * shows the same), again every second while it runs; its progress, why it stopped, and once it
 * has ended the downloads of the cards it issued (sheet in parts, QR images, tokens) for officers
 * and admins: they are working credentials, which the hub hands an auditor none of.
 */
export function RosterJob(props: { id: string; canDownload: boolean; onSettled: () => void }) {
  const t = useText(ROSTER_TEXT);
  const locale = useLocale();
  const [job, setJob] = useState<RosterJobView | undefined>();
  const { run, problem } = useAction();
  const latest = useLatestAnswer();
  const { id, onSettled } = props;
  // A poll's answer can land after the next poll's: only the last asked for is shown.
  const load = useCallback(() => run(() => latest(apiGet(CARD_PATHS.rosterJob(id), rosterJobViewSchema), setJob)), [run, latest, id]);

  useEffect(() => {
    void load();
  }, [load]);
  const running = job?.state === 'running';
  useEffect(() => {
    if (!running) return undefined;
    // Every second while it runs, whether or not the last read brought news (a step of 50 may take longer).
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, load]);
  useEffect(() => {
    if (job !== undefined && job.state !== 'running') onSettled();
  }, [job, onSettled]);

  return (
    <section className="panel" aria-labelledby="roster-job-title" data-testid="roster-job" data-state={job?.state} aria-busy={running}>
      <h2 id="roster-job-title">{job === undefined ? t.progressLabel : t.jobTitle(job.id.slice(0, 8), job.total)}</h2>
      <p className="problem" role="alert">
        {problem}
      </p>
      {job !== undefined && (
        <>
          <p>
            <span className={`badge ${job.state === 'done' ? 'good' : job.state === 'failed' ? 'bad' : 'warn'}`} data-testid="roster-job-state">
              {t.state[job.state]}
            </span>{' '}
            <span data-testid="roster-job-count">{t.progress(job.issued, job.total)}</span>
          </p>
          <progress className="roster-progress" max={Math.max(1, job.total)} value={job.issued} aria-label={t.progressLabel} data-testid="roster-progress" />
          <p className="hint">
            {t.startedBy(job.staff, bureauTime(job.createdAt, locale))}
            {job.finishedAt !== null && ` · ${t.finished(bureauTime(job.finishedAt, locale))}`}
          </p>
          {running && <p className="hint">{t.reloadSafe}</p>}
          {job.error !== null && (
            <p className="banner bad" data-testid="roster-job-error">
              {jobErrorWords(job.error, locale)}
            </p>
          )}
          {!running && job.issued > 0 && props.canDownload && (
            <section aria-labelledby="roster-downloads-title" data-testid="roster-downloads">
              <h3 id="roster-downloads-title">{t.downloadsTitle}</h3>
              <p className="hint">{t.sheetHint(SHEET_PART_CARDS)}</p>
              <p className="downloads">
                {sheetParts(job.issued).map(({ part, from, to }) => (
                  <DownloadLink key={part} className="button primary" path={CARD_PATHS.rosterJobSheet(job.id, part)} fileName={`roster-${job.id}-${part}.pdf`} testId={`roster-sheet-${part}`}>
                    {t.sheetPart(part, from, to)}
                  </DownloadLink>
                ))}
                <DownloadLink className="button" path={CARD_PATHS.rosterJobQr(job.id)} fileName={`roster-${job.id}-qr.zip`} testId="roster-qr">
                  {t.qrZip}
                </DownloadLink>
                <DownloadLink className="button" path={CARD_PATHS.rosterJobTokens(job.id)} fileName={`roster-${job.id}-tokens.txt`} testId="roster-tokens">
                  {t.tokens}
                </DownloadLink>
              </p>
            </section>
          )}
        </>
      )}
    </section>
  );
}
