import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { runAsync } from '../util/run-async.js';
import type { CameraChoice, CameraDevice } from './camera-choice.js';

/** The video inputs the browser lists now (with ids: none before camera permission). */
export async function listCameras(media: MediaDevices): Promise<CameraDevice[]> {
  const all = await media.enumerateDevices();
  return all.filter((d) => d.kind === 'videoinput' && d.deviceId !== '').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** The video inputs of this machine; refreshed when devices change and after permission is granted (labels appear then). */
export function useCameraDevices(): { devices: CameraDevice[]; refresh: () => void } {
  const [devices, setDevices] = useState<CameraDevice[]>([]);
  const refresh = useCallback(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media === undefined) return;
    runAsync(listCameras(media).then(setDevices));
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

/** Stored as JSON {deviceId, label}; an older plain id still reads. Anything else counts as no choice. */
const localChoiceSchema = z.strictObject({ deviceId: z.string().min(1).max(512), label: z.string().max(200).nullable() });

function parseLocalChoice(raw: string): CameraChoice | null {
  try {
    const parsed = localChoiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return raw.length > 0 && raw.length <= 512 && !raw.startsWith('{') ? { deviceId: raw, label: null } : null;
  }
}

/** The camera an operator chose on this machine (operators may not change terminal settings). */
export function localCameraChoice(): CameraChoice | null {
  try {
    const raw = localStorage.getItem(LOCAL_KEY);
    return raw === null ? null : parseLocalChoice(raw);
  } catch {
    return null;
  }
}

/** Saves (or with null, forgets) the operator's local camera choice. */
export function saveLocalCameraChoice(choice: CameraChoice | null): void {
  try {
    if (choice === null) localStorage.removeItem(LOCAL_KEY);
    else localStorage.setItem(LOCAL_KEY, JSON.stringify(choice));
  } catch {
    // Storage may be disabled; the choice then lasts until the page reloads.
  }
}
