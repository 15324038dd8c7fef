import { useCallback, useEffect, useState } from 'react';
import { runAsync } from '../util/run-async.js';

/** A camera the operator can pick. */
export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** The video inputs of this machine; refreshed when devices change and after permission is granted (labels appear then). */
export function useCameraDevices(): { devices: CameraDevice[]; refresh: () => void } {
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const refresh = useCallback(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media === undefined) return;
    runAsync(
      media.enumerateDevices().then((all) => {
        const cameras = all.filter((d) => d.kind === 'videoinput' && d.deviceId !== '');
        setDevices(cameras.map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` })));
      }),
    );
  }, []);
  useEffect(() => {
    refresh();
    const media = navigator.mediaDevices as MediaDevices | undefined;
    media?.addEventListener('devicechange', refresh);
    return () => media?.removeEventListener('devicechange', refresh);
  }, [refresh]);
  return { devices, refresh };
}

const LOCAL_KEY = 'jinka.cameraDeviceId';

/** The camera an operator chose on this machine (operators may not change terminal settings). */
export function localCameraChoice(): string | null {
  try {
    return localStorage.getItem(LOCAL_KEY);
  } catch {
    return null;
  }
}

/** Saves (or with null, forgets) the operator's local camera choice. */
export function saveLocalCameraChoice(deviceId: string | null): void {
  try {
    if (deviceId === null) localStorage.removeItem(LOCAL_KEY);
    else localStorage.setItem(LOCAL_KEY, deviceId);
  } catch {
    // Storage may be disabled; the choice then lasts until the page reloads.
  }
}
