import { useEffect, useRef } from 'react';

/** Keys a screen reacts to, by KeyboardEvent.key ('Enter', 'Escape', 'F2', …). */
export type HotkeyMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

/**
 * Screen-wide shortcuts. Listens in the bubble phase on window, so the wedge scanner (capture
 * phase) sees keys first and can swallow the Enter that ends a scan.
 */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
      const handler = latest.current[event.key];
      if (handler === undefined) return;
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
