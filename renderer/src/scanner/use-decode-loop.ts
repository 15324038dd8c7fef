import { useEffect, useRef, useState, type RefObject } from 'react';
import { createQrDecoder } from './decoder/index.js';
import type { QrDecoder } from './decoder/decoder-types.js';
import { passOnAnswer } from './decode-answer.js';
import { FrameGrabber } from './frame-grabber.js';
import { startFrameScheduler, videoFrames, type SchedulerClock } from './frame-scheduler.js';
import { SameCodeQuiet } from './same-code-quiet.js';

/** A code still in view after its verdict is not read again until it has been out of view this long. */
const SAME_CODE_QUIET_MS = 1000;

const PAGE_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Offers every new frame of the live video to the decoder, off the UI thread, one at a time
 * and with a rest after each decode (frame-scheduler.ts). The same code seen continuously
 * (the card still held up after its verdict) is reported once. The decoder is reset whenever
 * the loop starts (after a pause, on another `camera`), so it never reports a code from a
 * frame taken before.
 */
export function useDecodeLoop(video: RefObject<HTMLVideoElement | null>, running: boolean, onCode: (text: string) => void, camera: string | null = null): void {
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });
  const decoderRef = useRef<QrDecoder | null>(null);
  const [quiet] = useState(() => new SameCodeQuiet(SAME_CODE_QUIET_MS));

  useEffect(() => {
    const decoder = createQrDecoder();
    decoderRef.current = decoder;
    return () => {
      decoderRef.current = null;
      decoder.dispose();
    };
  }, []);

  useEffect(() => {
    const element = video.current;
    if (!running || element === null) return undefined;
    // Whatever was in view when the loop stopped counts as just seen: it must leave first.
    quiet.restart(performance.now());
    // And the decoder forgets it: a session paused on a frame from before (a card since
    // scanned by wedge or paste, another camera's picture) must never report it now.
    decoderRef.current?.reset();
    const grabber = new FrameGrabber();
    let stopped = false;
    const offer = (): Promise<void> | null => {
      const decoder = decoderRef.current;
      if (decoder === null || document.hidden) return null;
      const frame = grabber.grab(element);
      if (frame === null) return null;
      return passOnAnswer(decoder.decode(frame), (text) => {
        if (stopped) return;
        const trimmed = text.trim();
        if (trimmed.length > 0 && quiet.report(trimmed, performance.now())) latest.current(trimmed);
      });
    };
    const stop = startFrameScheduler({ clock: PAGE_CLOCK, feed: videoFrames(element), offer });
    return () => {
      stopped = true;
      stop();
    };
  }, [running, video, quiet, camera]);
}
