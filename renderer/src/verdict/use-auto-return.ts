import { useEffect, useRef, useState } from 'react';

/**
 * Counts down to returning to scanning by itself. Any key, tap or typing restarts the count, so
 * the screen never vanishes under an operator who is still entering companions or a ticket.
 * Returns the whole seconds left.
 */
export function useAutoReturn(seconds: number, onElapsed: () => void, paused: boolean, restartOnActivity = true): number {
  const [left, setLeft] = useState(seconds);
  const latest = useRef(onElapsed);
  useEffect(() => {
    latest.current = onElapsed;
  });
  useEffect(() => {
    if (paused) return undefined;
    let deadline = performance.now() + seconds * 1000;
    let done = false;
    setLeft(seconds);
    const restart = (): void => {
      deadline = performance.now() + seconds * 1000;
      setLeft(seconds);
    };
    const timer = setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0 && !done) {
        done = true;
        latest.current();
      }
    }, 200);
    if (restartOnActivity) {
      window.addEventListener('keydown', restart, { capture: true });
      window.addEventListener('pointerdown', restart, { capture: true });
      window.addEventListener('input', restart, { capture: true });
    }
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', restart, { capture: true });
      window.removeEventListener('pointerdown', restart, { capture: true });
      window.removeEventListener('input', restart, { capture: true });
    };
  }, [seconds, paused, restartOnActivity]);
  return left;
}
