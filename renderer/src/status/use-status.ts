import { useCallback, useEffect, useRef, useState } from 'react';
import type { StatusView } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { runAsync } from '../util/run-async.js';

/** How often the status bar asks the terminal (list age, sync, clock). */
const POLL_MS = 30_000;

/** The terminal's status, polled every ~30 s and on demand (after each verdict or settings change). */
export function useStatus(): { status: StatusView | null; refresh: () => void } {
  const call = useApi();
  const [status, setStatus] = useState<StatusView | null>(null);
  const mounted = useRef(true);
  const refresh = useCallback(() => {
    runAsync(
      call('status.get', {}).then((result) => {
        if (mounted.current && result.ok) setStatus(result.value);
      }),
    );
  }, [call]);
  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [refresh]);
  return { status, refresh };
}
