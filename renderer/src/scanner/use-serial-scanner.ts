import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context.js';

/** How long one `scanner.next` waits on the terminal before asking again. */
const POLL_WAIT_MS = 20_000;

/**
 * Codes from a scanner in serial (virtual COM) mode, read by the Node side: the page asks
 * `scanner.next` in a loop (a long-poll, since the HTTP bridge has no pushed events) while
 * enabled, and hands each code to `onScan` like a wedge or camera scan.
 */
export function useSerialScanner(onScan: (text: string) => void, enabled: boolean): void {
  const call = useApi();
  const latest = useRef(onScan);
  const seen = useRef(0);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const loop = async (): Promise<void> => {
      while (live) {
        const result = await call('scanner.next', { after: seen.current, waitMs: POLL_WAIT_MS });
        if (!live) return;
        if (!result.ok) {
          await new Promise((done) => setTimeout(done, 2000));
          continue;
        }
        if (result.value === null) continue;
        seen.current = result.value.seq;
        latest.current(result.value.code);
      }
    };
    loop().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [call, enabled]);
}
