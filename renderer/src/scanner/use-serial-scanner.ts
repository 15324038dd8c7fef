import { useEffect, useRef } from 'react';
import { useApi } from '../api/api-context.js';

/** How long one `scanner.next` waits on the terminal before asking again. */
const POLL_WAIT_MS = 20_000;
/** How often a paused loop looks again whether it may hand a code on. */
const PAUSE_STEP_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Codes from a scanner in serial (virtual COM) mode, read by the Node side: the page asks
 * `scanner.next` in a loop (a long-poll, since the HTTP bridge has no pushed events) while
 * `enabled` — only when a serial scanner is configured, since a browser gives one origin
 * six connections and every open long-poll holds one. The loop keeps running while
 * `paused` (a card being verified): it asks for nothing new then, and a code that arrived
 * meanwhile is handed to `onScan` once the pause ends, so pausing never starts a second
 * loop beside a long-poll still open. The loop lives as long as `enabled` holds, not as long
 * as one `call` function: a page whose API client changes (a new sign-in) must not start a
 * second loop while the first one's long-poll is still open, or the code that poll takes
 * would be dropped.
 */
export function useSerialScanner(onScan: (text: string) => void, enabled: boolean, paused: boolean): void {
  const call = useApi();
  const api = useRef(call);
  const latest = useRef(onScan);
  const isPaused = useRef(paused);
  const isEnabled = useRef(enabled);
  const seen = useRef(0);
  useEffect(() => {
    api.current = call;
    isEnabled.current = enabled;
    latest.current = onScan;
    isPaused.current = paused;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const loop = async (): Promise<void> => {
      while (live) {
        if (isPaused.current) {
          await sleep(PAUSE_STEP_MS);
          continue;
        }
        const result = await api.current('scanner.next', { after: seen.current, waitMs: POLL_WAIT_MS });
        // A loop stopped while its poll was open (the screen re-rendered with the scanner still
        // on) still hands on the code its poll took: the terminal gives each code out once.
        if (!live && !(isEnabled.current && result.ok && result.value !== null)) return;
        if (!result.ok) {
          await sleep(2000);
          continue;
        }
        if (result.value === null) continue;
        seen.current = Math.max(seen.current, result.value.seq);
        while (isEnabled.current && isPaused.current) await sleep(PAUSE_STEP_MS);
        if (isEnabled.current) latest.current(result.value.code);
        if (!live) return;
      }
    };
    loop().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
}
