import { useEffect, useRef, useState, type RefObject } from 'react';

/** Where the camera is: starting, showing pictures, or unavailable (and why). */
export type CameraState =
  | { kind: 'starting' }
  | { kind: 'live' }
  | { kind: 'denied' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/** Opens the chosen camera (or the default one) into the video element and closes it on change or unmount. */
export function useCameraStream(video: RefObject<HTMLVideoElement | null>, deviceId: string | null, onLive: () => void): CameraState {
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const onLiveRef = useRef(onLive);
  useEffect(() => {
    onLiveRef.current = onLive;
  });
  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    setState({ kind: 'starting' });
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media === undefined) {
      setState({ kind: 'missing' });
      return undefined;
    }
    // 1280×720 where the camera has it, the chosen one included: the decoder reads its
    // smaller modules (test/decode, category webcam-720p-motion); a 640×480 camera still opens.
    const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
    const constraints: MediaStreamConstraints = {
      audio: false,
      video: deviceId !== null ? { deviceId: { exact: deviceId }, ...size } : size,
    };
    media
      .getUserMedia(constraints)
      .then(async (opened) => {
        if (cancelled) {
          opened.getTracks().forEach((t) => t.stop());
          return;
        }
        stream = opened;
        const element = video.current;
        if (element !== null) {
          element.srcObject = opened;
          await element.play().catch(() => undefined);
        }
        setState({ kind: 'live' });
        onLiveRef.current();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const name = error instanceof DOMException ? error.name : '';
        if (name === 'NotAllowedError' || name === 'SecurityError') setState({ kind: 'denied' });
        else if (name === 'NotFoundError' || name === 'OverconstrainedError') setState({ kind: 'missing' });
        else setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
      const element = video.current;
      if (element !== null) element.srcObject = null;
    };
  }, [deviceId, video]);
  return state;
}
