import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperatorView, TerminalSettings } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { useLocale } from '../i18n/locale-context.js';
import { CameraPanel } from '../scanner/camera-panel.js';
import type { CameraChoice } from '../scanner/camera-choice.js';
import { localCameraChoice, saveLocalCameraChoice } from '../scanner/use-camera-devices.js';
import { useSerialScanner } from '../scanner/use-serial-scanner.js';
import { useWedgeScanner } from '../scanner/use-wedge-scanner.js';
import { runAsync } from '../util/run-async.js';
import { BeneficiaryPrompt } from '../verdict/beneficiary-prompt.js';
import { GateResult } from '../verdict/gate-result.js';
import { VerdictScreen } from '../verdict/verdict-screen.js';
import { ScanPanel } from './scan-panel.js';
import { useCounter } from './use-counter.js';

/** The counter: scanning (camera, wedge scanner, paste) and the verdict of the last card. */
export function CounterScreen(props: {
  operator: OperatorView;
  settings: TerminalSettings;
  serviceName: string;
  active: boolean;
  onSettings: (settings: TerminalSettings) => void;
  onActivity: () => void;
}) {
  const { settings } = props;
  const locale = useLocale();
  const call = useApi();
  const counter = useCounter({
    gateMode: settings.gateMode,
    sounds: settings.sounds,
    locale,
    serviceName: props.serviceName,
    onActivity: props.onActivity,
  });
  const [paste, setPaste] = useState('');
  // The terminal's camera (terminal database), unless an operator picked one on this machine.
  const [camera, setCamera] = useState<CameraChoice | null>(
    () => localCameraChoice() ?? (settings.cameraDeviceId === null ? null : { deviceId: settings.cameraDeviceId, label: settings.cameraLabel }),
  );
  const main = useRef<HTMLElement>(null);

  const { phase, scan } = counter;
  const onScan = useCallback(
    (text: string) => {
      setPaste('');
      runAsync(scan(text));
    },
    [scan],
  );
  // The wedge scanner is heard on every counter screen, the verdict too (the next card replaces it).
  useWedgeScanner(onScan, props.active && phase.kind !== 'verifying');
  // A scanner in serial (virtual COM) mode: its codes come from the Node side.
  useSerialScanner(onScan, props.active && settings.scanner.kind !== 'none', phase.kind === 'verifying');

  // Leaving the counter (history, settings) drops an unconfirmed verdict: nothing is recorded.
  const { cancel } = counter;
  useEffect(() => {
    if (!props.active) cancel();
  }, [props.active, cancel]);

  // Back to scanning: focus leaves any field so the next scanner burst is taken as a scan.
  useEffect(() => {
    if (phase.kind === 'scanning' && props.active) main.current?.focus();
  }, [phase.kind, props.active]);

  const chooseCamera = (choice: CameraChoice | null): void => {
    setCamera(choice);
    if (props.operator.role === 'supervisor') {
      saveLocalCameraChoice(null);
      runAsync(
        call('settings.set', { cameraDeviceId: choice?.deviceId ?? null, cameraLabel: choice?.label ?? null }).then((result) => {
          if (result.ok) props.onSettings(result.value);
        }),
      );
    } else {
      saveLocalCameraChoice(choice);
    }
  };

  const showingVerdict = phase.kind === 'verdict' || phase.kind === 'needs-beneficiary';
  return (
    <main ref={main} className="counter" tabIndex={-1} aria-label={props.serviceName}>
      <div className="counter-scan" hidden={showingVerdict}>
        <CameraPanel choice={camera} onChooseDevice={chooseCamera} paused={!props.active || phase.kind !== 'scanning'} onCode={onScan} />
        <ScanPanel
          serviceName={props.serviceName}
          verifying={phase.kind === 'verifying'}
          notice={counter.notice}
          paste={paste}
          onPaste={setPaste}
          onSubmit={onScan}
        />
      </div>
      {phase.kind === 'needs-beneficiary' && (
        <BeneficiaryPrompt
          key={phase.serial}
          serviceName={phase.serviceName}
          autoReturnSeconds={settings.autoReturnSeconds}
          busy={counter.busy}
          error={counter.recordError}
          onVerify={(b) => runAsync(counter.reverify(b))}
          onCancel={counter.cancel}
        />
      )}
      {phase.kind === 'verdict' &&
        (phase.gate ? (
          <GateResult key={phase.serial} view={phase.view} onDone={counter.cancel} />
        ) : (
          <VerdictScreen
            key={phase.serial}
            view={phase.view}
            verifiedWith={phase.verifiedWith}
            requireIdCheck={settings.requireIdCheck}
            autoReturnSeconds={settings.autoReturnSeconds}
            busy={counter.busy}
            error={counter.recordError}
            onReverify={(b) => runAsync(counter.reverify(b))}
            onConfirm={(input) => runAsync(counter.confirm(input))}
            onCancel={counter.cancel}
          />
        ))}
    </main>
  );
}
