import { useCallback, useState } from 'react';
import { QR_PROBLEM_TEXT } from '../../../shared/i18n/enrol-text.js';
import { parseEnrolQr, type EnrolQr } from '../../../shared/sync/enrol-qr.js';
import { HUB_TEXT } from '../i18n/hub-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { CameraPanel } from '../scanner/camera-panel.js';
import type { CameraChoice } from '../scanner/camera-choice.js';
import { useSerialScanner } from '../scanner/use-serial-scanner.js';
import { useWedgeScanner } from '../scanner/use-wedge-scanner.js';

/**
 * Scanning the enrolment QR on the settings screen, with the counter's own camera, its
 * keyboard-wedge scanner or its serial scanner: while on, a code read fills the enrol form
 * (`onQr`) — the counter behind the settings is not scanning then (its scanners run only while
 * it is shown), so no card is verified. A code that is not an enrolment QR (a card) is named as such.
 */
export function EnrolScan(props: { camera: CameraChoice | null; serialScanner: boolean; onQr: (qr: EnrolQr) => void }) {
  const t = useText(HUB_TEXT);
  const locale = useLocale();
  const [scanning, setScanning] = useState(false);
  const [choice, setChoice] = useState<CameraChoice | null>(props.camera);
  const [problem, setProblem] = useState<string | null>(null);
  const { onQr } = props;
  const onCode = useCallback(
    (text: string) => {
      const qr = parseEnrolQr(text);
      if (!qr.ok) return setProblem(QR_PROBLEM_TEXT[qr.error][locale]);
      setProblem(null);
      setScanning(false);
      onQr(qr.value);
    },
    [locale, onQr],
  );
  useWedgeScanner(onCode, scanning);
  useSerialScanner(onCode, scanning && props.serialScanner, false);

  return (
    <div className="enrol-scan" data-testid="settings-enrolScan-box">
      <button type="button" className="button" data-testid="settings-enrolScan" aria-pressed={scanning} onClick={() => setScanning((s) => !s)}>
        {scanning ? t.scanStop : t.scanQr}
      </button>
      {scanning && <p className="field-hint">{t.scanHint}</p>}
      {scanning && <CameraPanel choice={choice} onChooseDevice={setChoice} paused={false} onCode={onCode} />}
      {problem !== null && (
        <p className="notice notice-error" role="alert" data-testid="settings-enrolScan-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
