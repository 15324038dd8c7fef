import { useCallback, useState } from 'react';
import { ConsoleApiError } from '../api/console-client.js';
import { errorText } from '../i18n/error-text.js';
import { useLocale } from '../i18n/locale-context.js';

/** Runs one API call at a time for a page: busy while it runs, the refusal in words after. */
export function useAction(): { busy: boolean; problem: string | undefined; run: (work: () => Promise<void>) => Promise<boolean>; clear: () => void } {
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setProblem(undefined);
      try {
        await work();
        return true;
      } catch (error) {
        if (!(error instanceof ConsoleApiError)) throw error;
        setProblem(errorText(error, locale));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [locale],
  );
  const clear = useCallback(() => setProblem(undefined), []);
  return { busy, problem, run, clear };
}
