import { useState, type ChangeEvent } from 'react';
import { CARD_PATHS, ROSTER_LIMITS, rosterJobViewSchema, rosterPreviewResponseSchema, type RosterPreviewResponse, type RosterUploadRequest } from '../../../shared/console/card-api.js';
import { apiPost, ConsoleApiError } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ROSTER_TEXT } from '../i18n/roster-text.js';
import { unreadableWords } from './problem-words.js';
import { readRoster } from './roster-file.js';
import { RosterPreview } from './roster-preview.js';
import { rosterJobHash } from './roster-route.js';

const MAX_MIB = ROSTER_LIMITS.maxFileBytes / 1024 / 1024;

/**
 * Choose a roster (CSV or .xlsx) → the hub checks every line and issues nothing → the officer reads
 * the preview → confirm sends the same file to be issued as a job, and the address moves to the
 * job's (`#/cards/roster/JOB`), so a reload shows its progress.
 */
export function RosterUpload() {
  const t = useText(ROSTER_TEXT);
  const locale = useLocale();
  const { csrfToken } = useSession();
  const [upload, setUpload] = useState<RosterUploadRequest | undefined>();
  const [chosenProblem, setChosenProblem] = useState<string | undefined>();
  const [preview, setPreview] = useState<RosterPreviewResponse | undefined>();
  const { run, busy, problem } = useAction();

  const check = (file: RosterUploadRequest) =>
    run(async () => {
      setChosenProblem(undefined);
      try {
        setPreview(await apiPost(CARD_PATHS.rosterPreview, csrfToken, file, rosterPreviewResponseSchema));
      } catch (error) {
        // A file the hub cannot read at all (not a line's problem): say why in the clerk's words.
        if (error instanceof ConsoleApiError && (error.code === 'ROSTER_INVALID' || error.code === 'ROSTER_TOO_LARGE')) setChosenProblem(unreadableWords(error.message, locale));
        throw error;
      }
    });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setPreview(undefined);
    setUpload(undefined);
    setChosenProblem(undefined);
    const file = event.target.files?.[0];
    if (file === undefined) return;
    void readRoster(file).then((chosen) => {
      if (!chosen.ok) return setChosenProblem(chosen.why === 'type' ? t.wrongType : t.tooBig(MAX_MIB));
      setUpload(chosen.upload);
      void check(chosen.upload);
    });
  };

  const confirm = () => {
    if (upload === undefined || preview?.ready !== true) return;
    void run(async () => {
      try {
        const job = await apiPost(CARD_PATHS.rosterImport, csrfToken, upload, rosterJobViewSchema);
        window.location.hash = rosterJobHash(job.id);
      } catch (error) {
        // Something changed since the check (a holder given a card meanwhile): check again to list the lines.
        if (error instanceof ConsoleApiError && error.code === 'ROSTER_INVALID') setPreview(await apiPost(CARD_PATHS.rosterPreview, csrfToken, upload, rosterPreviewResponseSchema));
        throw error;
      }
    });
  };

  return (
    <>
      <section className="panel" aria-labelledby="roster-choose-title" data-testid="roster-upload">
        <h2 id="roster-choose-title">{t.chooseTitle}</h2>
        <div className="field">
          <span id="roster-file-label">{t.file}</span>
          {/* The browser's own file button speaks the browser's language: a label in the console's words opens the picker (as on the rules page). */}
          <div className="file-pick">
            <input
              id="roster-file-input"
              type="file"
              className="visually-hidden"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={choose}
              aria-labelledby="roster-file-label roster-file-choose"
              aria-describedby="roster-file-hint"
              data-testid="roster-file"
            />
            <label htmlFor="roster-file-input" id="roster-file-choose" className="button">
              {t.chooseFile}
            </label>
            {/* Format and size only: the file's own name may hold an ID number. */}
            <span className="hint" data-testid="roster-file-chosen">
              {upload === undefined ? t.noFile : t.chosen(upload.format, Math.max(1, Math.round((upload.data.length * 3) / 4 / 1024)))}
            </span>
          </div>
          <small id="roster-file-hint">{t.fileHint(MAX_MIB, ROSTER_LIMITS.maxLines)}</small>
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={busy || upload === undefined} onClick={() => upload !== undefined && void check(upload)} data-testid="roster-check">
            {busy ? t.checking : t.check}
          </button>
        </div>
        <p className="problem" role="alert" data-testid="roster-problem">
          {chosenProblem ?? problem}
        </p>
      </section>
      {preview !== undefined && <RosterPreview preview={preview} busy={busy} onConfirm={confirm} />}
    </>
  );
}
