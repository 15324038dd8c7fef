import { useState, type MouseEvent, type ReactNode } from 'react';
import { apiDownload, apiUrl, ConsoleApiError } from '../api/console-client.js';
import { errorText } from '../i18n/error-text.js';
import { useLocale } from '../i18n/locale-context.js';

/**
 * A download from the console API that says why when the hub refuses it. A plain link would
 * save the hub's refusal (JSON) under the file's name, so a clerk would open "cards.pdf" and find
 * an error; here the file is fetched first and saved only when the hub answered with it, and a
 * refusal is worded beside the link. The link keeps its real address (a new tab, "save as", and
 * the tests read it).
 */
export function DownloadLink(props: { path: string; fileName: string; className: string; testId?: string; children: ReactNode }) {
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  const click = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const url = URL.createObjectURL(await apiDownload(props.path));
      const save = document.createElement('a');
      save.href = url;
      save.download = props.fileName;
      document.body.append(save);
      save.click();
      save.remove();
      // The browser has taken the file by then; a minute is generous for a slow disk.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error;
      setProblem(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <a className={props.className} href={apiUrl(props.path)} download={props.fileName} aria-busy={busy} onClick={(event) => void click(event)} data-testid={props.testId}>
        {props.children}
      </a>
      {problem !== undefined && (
        <span className="problem" role="alert" data-testid={props.testId === undefined ? undefined : `${props.testId}-problem`}>
          {problem}
        </span>
      )}
    </>
  );
}
