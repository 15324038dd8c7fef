import { useCallback, useRef } from 'react';

/**
 * A page whose read depends on what the clerk chose (a filter, a range, a card), or that
 * reads again on a timer, may have two reads on their way at once, and their answers can
 * land in either order: only the read asked for last may show its answer, or the page would
 * show the cards of the filter before under the one now chosen (or a roster job's progress
 * going backwards). `latest(answer, show)` shows the answer only if no read was asked for
 * after it; a refusal reaches the caller (useAction says it in words) only from that read
 * too, so a stale read's error never stands over the answer now shown.
 */
export function useLatestAnswer(): <T>(answer: Promise<T>, show: (value: T) => void) => Promise<void> {
  const asked = useRef(0);
  return useCallback(async <T>(answer: Promise<T>, show: (value: T) => void) => {
    const mine = ++asked.current;
    let value: T;
    try {
      value = await answer;
    } catch (error) {
      if (mine === asked.current) throw error;
      return;
    }
    if (mine === asked.current) show(value);
  }, []);
}
