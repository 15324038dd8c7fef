/** A camera this machine has, as enumerated (the label is empty until camera permission is granted). */
export interface CameraDevice {
  deviceId: string;
  /** The system's name for it, or '' when the browser does not tell yet. */
  label: string;
}

/** The camera chosen for this terminal: its id, and its name, since ids can change across reboots. */
export interface CameraChoice {
  deviceId: string;
  label: string | null;
}

/** Which camera to open for a choice, given the cameras seen now. */
export type CameraPick =
  /** No choice: the system's default camera. */
  | { kind: 'default' }
  /** The chosen camera, found by its id or, when the id changed, by its name. */
  | { kind: 'chosen'; deviceId: string }
  /** The list tells nothing (no ids before permission): try the chosen id, fall back if it fails. */
  | { kind: 'unlisted'; deviceId: string }
  /** The chosen camera is gone: another one (the first listed), and the counter says so. */
  | { kind: 'fallback'; device: CameraDevice };

/** Picks the camera to open: the chosen one by id, else by its name, else another one with a notice. */
export function pickCamera(devices: readonly CameraDevice[], wanted: CameraChoice | null): CameraPick {
  if (wanted === null) return { kind: 'default' };
  const byId = devices.find((d) => d.deviceId === wanted.deviceId);
  if (byId !== undefined) return { kind: 'chosen', deviceId: byId.deviceId };
  const label = wanted.label?.trim() ?? '';
  const byLabel = label === '' ? undefined : devices.find((d) => d.label.trim() === label);
  if (byLabel !== undefined) return { kind: 'chosen', deviceId: byLabel.deviceId };
  const first = devices[0];
  return first === undefined ? { kind: 'unlisted', deviceId: wanted.deviceId } : { kind: 'fallback', device: first };
}

/** What an operator sees for a camera: its name, or `unnamed(n)` (摄像头 n) while the browser hides names. */
export function cameraName(device: CameraDevice, index: number, unnamed: (n: number) => string): string {
  return device.label.trim() === '' ? unnamed(index + 1) : device.label;
}
