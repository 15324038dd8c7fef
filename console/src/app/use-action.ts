import { useCallback, useRef, useState } from 'react';
import { ConsoleApiError } from '../api/console-client.js';
import { errorText } from '../i18n/error-text.js';
import { useLocale } from '../i18n/locale-context.js';

/**
 * Runs a page's API calls: busy while the one started last runs, the refusal in words after.
 * Only the call started last sets busy and the problem: an earlier call that ends later (a
 * read for a filter no longer chosen) neither ends busy for it nor shows its refusal.
 */
export function useAction(): { busy: boolean; problem: string | undefined; run: (work: () => Promise<void>) => Promise<boolean>; clear: () => void } {
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const started = useRef(0);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      const mine = ++started.current;
      setBusy(true);
      setProblem(undefined);
      try {
        await work();
        return true;
      } catch (error) {
        if (!(error instanceof ConsoleApiError)) throw error;
        if (mine === started.current) setProblem(errorText(error, locale));
        return false;
      } finally {
        if (mine === started.current) setBusy(false);
      }
    },
    [locale],
  );
  const clear = useCallback(() => setProblem(undefined), []);
  return { busy, problem, run, clear };
}
