import { useCallback, useRef } from 'react';

/**
 * A page whose read depends on what the clerk chose (a filter, a range, a card) may have two
 * reads on their way at once, and their answers can land in either order: only the read
 * asked for last may show its answer, or the page would show the cards of the filter before
 * under the one now chosen. `latest(answer, show)` shows the answer only if no read was
 * asked for after it; a refusal still reaches the caller (useAction says it in words).
 */
export function useLatestAnswer(): <T>(answer: Promise<T>, show: (value: T) => void) => Promise<void> {
  const asked = useRef(0);
  return useCallback(async <T>(answer: Promise<T>, show: (value: T) => void) => {
    const mine = ++asked.current;
    const value = await answer;
    if (mine === asked.current) show(value);
  }, []);
}
