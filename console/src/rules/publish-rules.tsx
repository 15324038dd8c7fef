import { useState, type ChangeEvent } from 'react';
import { RULES_FILE_MAX_BYTES, RULES_PATHS, rulesPreviewResponseSchema, rulesPublishResponseSchema, type RulesPreviewResponse } from '../../../shared/console/rules-api.js';
import { apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { RULES_TEXT } from '../i18n/rules-text.js';
import { fieldWords, valueWords } from './change-words.js';

/** Upload → the hub validates and diffs (nothing published) → the admin reads the diff → publish with the preview's token and the very same text. */
export function PublishRules(props: { onPublished: () => void }) {
  const t = useText(RULES_TEXT);
  const { csrfToken } = useSession();
  const locale = useLocale();
  const [file, setFile] = useState<{ fileName: string; text: string } | undefined>();
  const [preview, setPreview] = useState<RulesPreviewResponse | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const { run, busy, problem } = useAction();

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setPreview(undefined);
    setDone(undefined);
    const chosen = event.target.files?.[0];
    if (chosen === undefined || chosen.size > RULES_FILE_MAX_BYTES) {
      setFile(undefined);
      return;
    }
    void chosen.text().then((text) => setFile({ fileName: chosen.name, text }));
  };

  const check = () => {
    if (file === undefined) return;
    void run(async () => setPreview(await apiPost(RULES_PATHS.preview, csrfToken, file, rulesPreviewResponseSchema)));
  };
  const publish = () => {
    if (file === undefined || preview === undefined) return;
    void run(async () => {
      const answer = await apiPost(RULES_PATHS.publish, csrfToken, { ...file, previewToken: preview.previewToken }, rulesPublishResponseSchema);
      setPreview(undefined);
      setDone(t.published(answer.version));
      props.onPublished();
    });
  };

  return (
    <section className="panel" aria-labelledby="publish-title" data-testid="rules-publish">
      <h2 id="publish-title">{t.publishTitle}</h2>
      <p className="hint">{t.publishLead}</p>
      <div className="inline-form">
        <div className="field">
          <span id="rules-file-label">{t.file}</span>
          {/* The browser's own file button speaks the browser's language: a label in the console's words opens the picker instead. */}
          <div className="file-pick">
            <input
              id="rules-file-input"
              type="file"
              className="visually-hidden"
              accept=".json,application/json"
              onChange={choose}
              aria-labelledby="rules-file-label rules-file-choose"
              data-testid="rules-file"
            />
            <label htmlFor="rules-file-input" id="rules-file-choose" className="button">
              {t.chooseFile}
            </label>
            <span className="hint" data-testid="rules-file-name">
              {file?.fileName ?? t.noFile}
            </span>
          </div>
        </div>
        <button type="button" className="button primary" disabled={busy || file === undefined} onClick={check}>
          {t.preview}
        </button>
      </div>
      <p className="problem" role="alert">
        {problem}
      </p>
      <div role="status">{done !== undefined && <p className="banner good">{done}</p>}</div>
      {preview !== undefined && (
        <>
          <table className="table compact" data-testid="rules-diff">
            <caption>{t.diffTitle(preview.baseVersion, preview.nextVersion)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colChange}</th>
                <th scope="col">{t.colField}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
              </tr>
            </thead>
            <tbody>
              {preview.changes.length === 0 && (
                <tr>
                  <td colSpan={4}>{t.noChanges}</td>
                </tr>
              )}
              {preview.changes.flatMap((c) =>
                (c.fields.length === 0 ? [{ field: '', before: null, after: null }] : c.fields).map((f, i) => (
                  <tr key={`${c.part}/${c.key}/${f.field}/${i}`} className={`diff-${c.change}`}>
                    <th scope="row">
                      {t.change[c.change]} {c.part === 'service' ? (preview.rows.find((r) => r.service === c.key)?.name[locale] ?? c.key) : t.part[c.part]}
                    </th>
                    <td title={f.field}>{fieldWords(c, f.field, t, locale)}</td>
                    <td>{valueWords(f.before, t)}</td>
                    <td>{valueWords(f.after, t)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" className="button primary" disabled={busy} onClick={publish} data-testid="rules-publish-submit">
              {t.publish(preview.nextVersion)}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
