import { useRef } from 'react';
import { assertNever } from '../../../shared/assert.js';
import { COUNTER_TEXT, type CounterText } from '../i18n/counter-text.js';
import { useText } from '../i18n/locale-context.js';
import { useCameraDevices } from './use-camera-devices.js';
import { useCameraStream, type CameraState } from './use-camera-stream.js';
import { useDecodeLoop } from './use-decode-loop.js';

function cameraMessage(state: CameraState, t: CounterText): string | null {
  switch (state.kind) {
    case 'live':
      return null;
    case 'starting':
      return t.cameraStarting;
    case 'denied':
      return t.cameraDenied;
    case 'missing':
      return t.cameraMissing;
    case 'failed':
      return t.cameraFailed(state.message);
    default:
      return assertNever(state, 'camera state');
  }
}

/** The camera preview with its chooser; decodes QR codes while not paused. */
export function CameraPanel(props: {
  deviceId: string | null;
  onChooseDevice: (deviceId: string | null) => void;
  paused: boolean;
  onCode: (text: string) => void;
}) {
  const t = useText(COUNTER_TEXT);
  const video = useRef<HTMLVideoElement>(null);
  const { devices, refresh } = useCameraDevices();
  const state = useCameraStream(video, props.deviceId, refresh);
  useDecodeLoop(video, state.kind === 'live' && !props.paused, props.onCode);
  const message = props.paused ? t.cameraOff : cameraMessage(state, t);
  const known = props.deviceId === null || devices.some((d) => d.deviceId === props.deviceId);

  return (
    <section className="camera-panel" aria-label={t.cameraTitle}>
      <div className="camera-frame">
        <video ref={video} className="camera-video" data-testid="camera-video" muted playsInline autoPlay />
        <div className="camera-aim" aria-hidden="true" />
        {message !== null && (
          <p className={`camera-message ${state.kind === 'live' ? '' : 'camera-message-problem'}`} role="status" data-testid="camera-status">
            {message}
          </p>
        )}
      </div>
      <label className="field camera-choice">
        <span className="field-label">{t.cameraChoice}</span>
        <select
          data-testid="camera-select"
          value={props.deviceId ?? ''}
          onChange={(e) => props.onChooseDevice(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t.cameraDefault}</option>
          {!known && props.deviceId !== null && <option value={props.deviceId}>{props.deviceId.slice(0, 12)}…</option>}
          {devices.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
