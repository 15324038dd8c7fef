import { useEffect, useRef } from 'react';
import { assertNever } from '../../../shared/assert.js';
import type { DeviceState } from '../../../shared/hardware/hardware-settings.js';
import { CameraOffIcon } from '../app/icons.js';
import { COUNTER_TEXT, type CounterText } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';
import { cameraName, type CameraChoice } from './camera-choice.js';
import { useCameraDevices } from './use-camera-devices.js';
import { useCameraStream, type CameraState } from './use-camera-stream.js';
import { useDecodeLoop } from './use-decode-loop.js';
import { reportCameraState } from '../status/camera-state.js';

/** The camera's state as the status bar words it (ready, missing, error). */
const CAMERA_DEVICE_STATE: Record<CameraState['kind'], DeviceState> = { starting: 'off', live: 'ready', denied: 'error', missing: 'missing', failed: 'error' };

/** What the camera box says: progress in a quiet strip, a camera that cannot be used in large words over the box. */
interface CameraNotice {
  /** progress: starting or paused (neutral); unavailable: no camera at all; error: a camera that failed or was refused. */
  tone: 'progress' | 'unavailable' | 'error';
  text: string;
}

function cameraNotice(state: CameraState, paused: boolean, t: CounterText): CameraNotice | null {
  switch (state.kind) {
    case 'live':
      return paused ? { tone: 'progress', text: t.cameraOff } : null;
    case 'starting':
      return { tone: 'progress', text: paused ? t.cameraOff : t.cameraStarting };
    case 'denied':
      return { tone: 'error', text: t.cameraDenied };
    case 'missing':
      return { tone: 'unavailable', text: t.cameraMissing };
    case 'failed':
      return { tone: 'error', text: t.cameraFailed(state.message) };
    default:
      return assertNever(state, 'camera state');
  }
}

/** The camera preview with its chooser; decodes QR codes while not paused. */
export function CameraPanel(props: {
  /** The camera chosen for this terminal (null: the default camera). */
  choice: CameraChoice | null;
  onChooseDevice: (choice: CameraChoice | null) => void;
  paused: boolean;
  onCode: (text: string) => void;
}) {
  const t = useText(COUNTER_TEXT);
  const video = useRef<HTMLVideoElement>(null);
  const { devices, refresh } = useCameraDevices();
  const state = useCameraStream(video, props.choice, refresh);
  useEffect(() => reportCameraState(CAMERA_DEVICE_STATE[state.kind]), [state.kind]);
  useDecodeLoop(video, state.kind === 'live' && !props.paused, props.onCode, props.choice?.deviceId ?? null);
  const notice = cameraNotice(state, props.paused, t);
  const chosenId = props.choice?.deviceId ?? null;
  const known = chosenId === null || devices.some((d) => d.deviceId === chosenId);
  const fallback = state.kind === 'live' ? state.fallback : null;
  const choose = (deviceId: string): void => {
    const device = devices.find((d) => d.deviceId === deviceId);
    props.onChooseDevice(device === undefined ? null : { deviceId: device.deviceId, label: device.label === '' ? null : device.label });
  };

  return (
    <section className="camera-panel" aria-label={t.cameraTitle}>
      <div className="camera-frame">
        <video ref={video} className="camera-video" data-testid="camera-video" muted playsInline autoPlay />
        {/* Aim only at a live picture: a frame over a black box suggests a camera that is not there. */}
        {notice === null && <div className="camera-aim" aria-hidden="true" />}
        {notice !== null && notice.tone === 'progress' && (
          <p className="camera-message" role="status" data-testid="camera-status" data-tone={notice.tone}>
            {notice.text}
          </p>
        )}
        {notice !== null && notice.tone !== 'progress' && (
          <div className={`camera-notice camera-notice-${notice.tone}`} role="status" data-testid="camera-status" data-tone={notice.tone}>
            <CameraOffIcon className="camera-notice-icon" />
            <p className="camera-notice-title">{notice.text}</p>
            <p className="camera-notice-hint">{t.cameraUseOther}</p>
          </div>
        )}
      </div>
      {/* The chosen camera is gone (unplugged, renamed): the counter goes on with another and says which. */}
      {fallback !== null && (
        <p className="camera-fallback" role="status" data-testid="camera-fallback">
          {t.cameraFallback(fallback)}
        </p>
      )}
      <label className="field camera-choice">
        <span className="field-label">{t.cameraChoice}</span>
        <select
          data-testid="camera-select"
          value={chosenId ?? ''}
          onChange={(e) => choose(e.target.value)}
        >
          <option value="">{t.cameraDefault}</option>
          {!known && props.choice !== null && <option value={props.choice.deviceId}>{t.cameraGone(props.choice.label ?? `${props.choice.deviceId.slice(0, 12)}…`)}</option>}
          {devices.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {cameraName(d, i, t.cameraUnnamed)}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
