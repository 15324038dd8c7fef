import { useEffect, useRef } from 'react';
import { isPasteBox, isTextEntry } from '../keyboard/focus-kind.js';
import { unfinishedCardToken } from './card-token-shape.js';
import { WEDGE_DEFAULTS, WedgeDetector } from './wedge-detector.js';

/**
 * Listens for a keyboard-wedge scanner anywhere on the screen while enabled. Keys typed into a
 * text field (other than the paste box) belong to that field and are never taken for a scan.
 * The listener runs in the capture phase, so the Enter that ends a scan is swallowed before
 * it can confirm or submit anything.
 */
export function useWedgeScanner(onScan: (text: string) => void, enabled: boolean): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const detector = new WedgeDetector(
      (text) => {
        const trimmed = text.trim();
        if (trimmed.length > 0) latest.current(trimmed);
      },
      { ...WEDGE_DEFAULTS, expectMore: unfinishedCardToken },
    );
    const onKey = (event: KeyboardEvent): void => {
      if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
      const focus = document.activeElement;
      if (isTextEntry(focus) && !isPasteBox(focus)) {
        detector.reset();
        return;
      }
      const verdict = detector.key(event.key, event.timeStamp, event.repeat);
      if (verdict === 'consume') {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      // Outside text fields a scanner's characters would only trigger type-ahead (a <select>
      // jumping to another camera): keep them away from the page. Space still ticks boxes.
      if (!isTextEntry(focus) && event.key.length === 1 && event.key !== ' ') event.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      detector.reset();
    };
  }, [enabled]);
}
