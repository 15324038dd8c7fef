import { useEffect, useRef, type RefObject } from 'react';
import { createQrDecoder } from './decoder/index.js';
import type { QrDecoder } from './decoder/decoder-types.js';
import { FrameGrabber } from './frame-grabber.js';

/** Frames offered to the decoder per second at most (a frame is skipped while one is being decoded). */
const FRAME_INTERVAL_MS = 100;
/** A code still in view after its verdict is not read again until it has been out of view this long. */
const SAME_CODE_QUIET_MS = 1000;

/**
 * Grabs frames from the live video a few times a second and decodes them off the UI thread.
 * The same code seen continuously (the card still held up after its verdict) is reported once.
 */
export function useDecodeLoop(video: RefObject<HTMLVideoElement | null>, running: boolean, onCode: (text: string) => void): void {
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });
  const decoderRef = useRef<QrDecoder | null>(null);
  const last = useRef<{ text: string; seenAt: number } | null>(null);

  useEffect(() => {
    const decoder = createQrDecoder();
    decoderRef.current = decoder;
    return () => {
      decoderRef.current = null;
      decoder.dispose();
    };
  }, []);

  useEffect(() => {
    if (!running) return undefined;
    // Whatever was in view when the loop stopped counts as just seen: it must leave first.
    if (last.current !== null) last.current.seenAt = performance.now();
    const grabber = new FrameGrabber();
    let inFlight = false;
    let stopped = false;
    const tick = (): void => {
      const decoder = decoderRef.current;
      const element = video.current;
      if (inFlight || decoder === null || element === null || document.hidden) return;
      const frame = grabber.grab(element);
      if (frame === null) return;
      inFlight = true;
      decoder
        .decode(frame)
        .then((text) => {
          if (stopped || text === null) return;
          const trimmed = text.trim();
          if (trimmed.length === 0) return;
          const now = performance.now();
          const previous = last.current;
          last.current = { text: trimmed, seenAt: now };
          if (previous !== null && previous.text === trimmed && now - previous.seenAt < SAME_CODE_QUIET_MS) return;
          latest.current(trimmed);
        })
        .catch((error: unknown) => console.error('jinka: decode failed', error))
        .finally(() => {
          inFlight = false;
        });
    };
    const timer = setInterval(tick, FRAME_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [running, video]);
}
