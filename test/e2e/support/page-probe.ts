import type { Page } from 'playwright-core';
import { CARD_IN_VIEW_BRIGHTNESS } from '../../support/fake-camera.mjs';

/** The frame in which the card's QR entered the camera view (page clock, ms). */
export interface CardInView {
  /** The earliest of the frame's capture, presentation and callback times: the start of the measured interval. */
  at: number;
  /** Frames presented since the last one the probe saw (the QR may have entered in one of them). */
  missedFrames: number;
}

/** A verdict banner as it appeared on the page (page clock, ms). */
export interface VerdictSeen {
  /** The banner word entered the DOM (MutationObserver). */
  inDom: number;
  /** performance.now() in the next animation frame after that: the frame that paints the verdict. */
  painted: number | null;
  word: string;
}

/** One key as the page received it (KeyboardEvent.timeStamp). */
export interface KeySeen {
  key: string;
  at: number;
}

/** What the probe has recorded since the page loaded (or since the last reset). */
export interface ProbeRecord {
  cardInView: CardInView[];
  verdicts: VerdictSeen[];
  keys: KeySeen[];
}

interface ProbeWindow {
  __jinkaProbe: ProbeRecord & { reset(): void };
}

/**
 * Runs in the page before the app (addInitScript). It watches, without touching the app:
 * - the camera preview: on every video frame (requestVideoFrameCallback) it samples the
 *   picture at 16×12 and notes each dark→bright cut, i.e. the frame where the QR entered view;
 * - the DOM: the moment each new verdict banner appears, and the animation frame after it;
 * - keydown events (capture phase, registered before the app's), for the wedge timing.
 */
const PROBE_SCRIPT = `(() => {
  const probe = { cardInView: [], verdicts: [], keys: [], reset() { this.cardInView.length = 0; this.verdicts.length = 0; this.keys.length = 0; } };
  window.__jinkaProbe = probe;
  window.addEventListener('keydown', (e) => probe.keys.push({ key: e.key, at: e.timeStamp }), { capture: true });
  const hooked = new WeakSet();
  const seen = new WeakSet();
  const watchCamera = (video) => {
    hooked.add(video);
    const canvas = document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 12;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let bright = null;
    let lastPresented = null;
    const onFrame = (now, meta) => {
      const missedFrames = lastPresented === null ? 0 : Math.max(0, meta.presentedFrames - lastPresented - 1);
      lastPresented = meta.presentedFrames;
      if (video.videoWidth > 0) {
        ctx.drawImage(video, 0, 0, 16, 12);
        const px = ctx.getImageData(0, 0, 16, 12).data;
        let sum = 0;
        for (let i = 0; i < px.length; i += 4) sum += px[i];
        const isBright = sum / (px.length / 4) > ${CARD_IN_VIEW_BRIGHTNESS};
        if (isBright && bright === false) {
          const times = [now, meta.presentationTime, meta.captureTime].filter((t) => typeof t === 'number' && t > 0);
          probe.cardInView.push({ at: Math.min(...times), missedFrames });
        }
        bright = isBright;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const scan = () => {
    const video = document.querySelector('[data-testid="camera-video"]');
    if (video && !hooked.has(video)) watchCamera(video);
    for (const word of document.querySelectorAll('[data-testid="verdict"]')) {
      if (seen.has(word)) continue;
      seen.add(word);
      const entry = { inDom: performance.now(), painted: null, word: word.textContent || '' };
      probe.verdicts.push(entry);
      requestAnimationFrame(() => { entry.painted = performance.now(); });
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
})();`;

/** Installs the probe into every page of the context before the app runs. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SCRIPT });
}

/** A copy of what the probe has recorded. */
export async function readProbe(page: Page): Promise<ProbeRecord> {
  return page.evaluate(() => {
    const { cardInView, verdicts, keys } = (globalThis as unknown as ProbeWindow).__jinkaProbe;
    return JSON.parse(JSON.stringify({ cardInView, verdicts, keys })) as ProbeRecord;
  });
}

/** Forgets what the probe has recorded so far. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as ProbeWindow).__jinkaProbe.reset());
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
