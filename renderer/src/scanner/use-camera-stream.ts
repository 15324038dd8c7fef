import { useEffect, useRef, useState, type RefObject } from 'react';
import { pickCamera, type CameraChoice } from './camera-choice.js';
import { listCameras } from './use-camera-devices.js';

/** Where the camera is: starting, showing pictures, or unavailable (and why). */
export type CameraState =
  | { kind: 'starting' }
  /** `fallback`: the chosen camera was not found and this one (its name) is used instead. */
  | { kind: 'live'; fallback: string | null }
  | { kind: 'denied' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

const isGone = (error: unknown): boolean =>
  error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'OverconstrainedError');

const stopAll = (stream: MediaStream): void => stream.getTracks().forEach((t) => t.stop());

/**
 * Opens the chosen camera (by id, else by name) or the default one into the video element and
 * closes it on change or unmount. A chosen camera that is gone gives way to another one
 * (state `live` with `fallback`); a camera unplugged while live, or plugged in while the
 * counter makes do without it, opens the pick again.
 */
export function useCameraStream(video: RefObject<HTMLVideoElement | null>, wanted: CameraChoice | null, onLive: () => void): CameraState {
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const onLiveRef = useRef(onLive);
  const stateRef = useRef(state);
  useEffect(() => {
    onLiveRef.current = onLive;
    stateRef.current = state;
  });
  const wantedId = wanted?.deviceId ?? null;
  const wantedLabel = wanted?.label ?? null;
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media === undefined) return undefined;
    // Another camera appeared or went: worth a new look only when the counter is without the chosen one.
    const onDeviceChange = (): void => {
      const now = stateRef.current;
      if (now.kind === 'missing' || (now.kind === 'live' && now.fallback !== null)) setAttempt((n) => n + 1);
    };
    media.addEventListener('devicechange', onDeviceChange);
    return () => media.removeEventListener('devicechange', onDeviceChange);
  }, []);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let attached: HTMLVideoElement | null = null;
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
    const constraints = (deviceId: string | null): MediaStreamConstraints => ({
      audio: false,
      video: deviceId !== null ? { deviceId: { exact: deviceId }, ...size } : size,
    });
    const choice = wantedId === null ? null : { deviceId: wantedId, label: wantedLabel };
    const open = async (): Promise<{ opened: MediaStream; fallback: boolean }> => {
      const pick = pickCamera(await listCameras(media), choice);
      if (pick.kind === 'default') return { opened: await media.getUserMedia(constraints(null)), fallback: false };
      if (pick.kind === 'chosen') return { opened: await media.getUserMedia(constraints(pick.deviceId)), fallback: false };
      if (pick.kind === 'fallback') return { opened: await media.getUserMedia(constraints(pick.device.deviceId)), fallback: true };
      // Nothing listed yet (no permission): try the chosen id; if it is gone, the default camera, then look again by name.
      try {
        return { opened: await media.getUserMedia(constraints(pick.deviceId)), fallback: false };
      } catch (error) {
        if (!isGone(error)) throw error;
      }
      const opened = await media.getUserMedia(constraints(null));
      const again = pickCamera(await listCameras(media), choice);
      const openedId = opened.getVideoTracks()[0]?.getSettings().deviceId;
      if (again.kind !== 'chosen') return { opened, fallback: true };
      if (again.deviceId === openedId) return { opened, fallback: false };
      stopAll(opened);
      return { opened: await media.getUserMedia(constraints(again.deviceId)), fallback: false };
    };
    open()
      .then(async ({ opened, fallback }) => {
        if (cancelled) {
          stopAll(opened);
          return;
        }
        stream = opened;
        const track = opened.getVideoTracks()[0];
        // Unplugged while in use: open the pick again (another camera, or "missing").
        track?.addEventListener('ended', () => {
          if (!cancelled) setAttempt((n) => n + 1);
        });
        const element = video.current;
        if (element !== null) {
          attached = element;
          element.srcObject = opened;
          await element.play().catch(() => undefined);
        }
        if (cancelled) return;
        setState({ kind: 'live', fallback: fallback ? track?.label || '—' : null });
        onLiveRef.current();
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const name = error instanceof DOMException ? error.name : '';
        if (name === 'NotAllowedError' || name === 'SecurityError') setState({ kind: 'denied' });
        else if (isGone(error)) setState({ kind: 'missing' });
        else setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
      // The element this effect gave the stream to, not whatever the ref holds by now.
      if (attached !== null) attached.srcObject = null;
    };
  }, [wantedId, wantedLabel, attempt, video]);
  return state;
}
