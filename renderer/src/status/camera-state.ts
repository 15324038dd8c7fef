import { useSyncExternalStore } from 'react';
import type { DeviceState } from '../../../shared/hardware/hardware-settings.js';

/** The camera's state as the camera panel last saw it; the status bar shows it beside the serial scanner and the gate. */
let current: DeviceState = 'off';
const listeners = new Set<() => void>();

/** Called by the camera panel when its stream changes state. */
export function reportCameraState(state: DeviceState): void {
  if (state === current) return;
  current = state;
  for (const listener of listeners) listener();
}

/** The camera's state, re-rendering when it changes. */
export function useCameraState(): DeviceState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
