import { useState } from 'react';
import type { GateSettings, ScannerSettings } from '../../../shared/hardware/hardware-settings.js';
import { useApi } from '../api/api-context.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { useText } from '../i18n/locale-context.js';
import { useApiErrorText } from '../i18n/use-api-error-text.js';
import { runAsync } from '../util/run-async.js';
import { SelectField, TextField } from './settings-fields.js';

/** A new device of a kind starts from that kind's usual values (a 9600-baud relay board with the common frames…). */
const GATE_START: Record<GateSettings['kind'], GateSettings> = {
  none: { kind: 'none' },
  'serial-relay': { kind: 'serial-relay', path: '/dev/ttyUSB0', baudRate: 9600, openFrame: 'A0 01 01 A2', closeFrame: 'A0 01 00 A1', pulseMs: 500, timeoutMs: 2000 },
  'modbus-tcp': { kind: 'modbus-tcp', host: '192.168.1.100', port: 502, unitId: 1, coil: 0, pulseMs: 500, timeoutMs: 2000 },
  http: { kind: 'http', method: 'POST', url: 'http://192.168.1.100/open', expectedStatus: 200, timeoutMs: 2000 },
};
const SCANNER_START: Record<ScannerSettings['kind'], ScannerSettings> = {
  none: { kind: 'none' },
  serial: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600, framing: 'line', pauseMs: 80 },
};
const NUMERIC = new Set(['baudRate', 'pulseMs', 'timeoutMs', 'port', 'unitId', 'coil', 'expectedStatus', 'pauseMs']);

/**
 * The settings screen's gate and scanner section (a supervisor only): the gate output's kind
 * and address, the serial scanner's port and framing, and "test the gate" (gate.test, with
 * the settings as saved). The terminal checks every field again when the form is saved.
 */
export function HardwareSection(props: { gate: GateSettings; scanner: ScannerSettings; onGate: (gate: GateSettings) => void; onScanner: (scanner: ScannerSettings) => void }) {
  const t = useText(HARDWARE_TEXT);
  const errorText = useApiErrorText();
  const call = useApi();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const field = (device: 'gate' | 'scanner', key: string, label: string, options?: readonly string[], labels?: Record<string, string>) => {
    const value = (device === 'gate' ? props.gate : props.scanner) as unknown as Record<string, string | number>;
    const change = (text: string): void => {
      const next = { ...value, [key]: NUMERIC.has(key) ? Number(text) : text };
      if (device === 'gate') props.onGate(next as unknown as GateSettings);
      else props.onScanner(next as unknown as ScannerSettings);
    };
    const name = `${device}-${key}`;
    if (options === undefined) return <TextField key={name} name={name} label={label} value={String(value[key] ?? '')} onChange={change} />;
    return (
      <SelectField key={name} name={name} label={label} value={String(value[key] ?? '')} onChange={change}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? o}
          </option>
        ))}
      </SelectField>
    );
  };

  const test = async (): Promise<void> => {
    setBusy(true);
    const result = await call('gate.test', {});
    setBusy(false);
    if (!result.ok) return setNotice({ tone: 'error', text: errorText(result.error) });
    const outcome = result.value;
    if (outcome.state === 'opened') setNotice({ tone: 'ok', text: t.testOpened });
    else if (outcome.state === 'failed') setNotice({ tone: 'error', text: t.testFailed(outcome.message) });
    else setNotice({ tone: 'error', text: t.testNone });
  };

  const { gate, scanner } = props;
  const bauds = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'] as const;
  return (
    <fieldset className="hardware-section">
      <legend>{t.sectionTitle}</legend>
      <SelectField name="gate-kind" label={t.gateKind} value={gate.kind} onChange={(k) => props.onGate(GATE_START[k as GateSettings['kind']] ?? GATE_START.none)}>
        {(Object.keys(GATE_START) as GateSettings['kind'][]).map((k) => (
          <option key={k} value={k}>
            {t.gateKinds[k]}
          </option>
        ))}
      </SelectField>
      {gate.kind === 'serial-relay' && [field('gate', 'path', t.serialPath), field('gate', 'baudRate', t.baudRate, bauds), field('gate', 'openFrame', t.openFrame), field('gate', 'closeFrame', t.closeFrame)]}
      {gate.kind === 'modbus-tcp' && [field('gate', 'host', t.host), field('gate', 'port', t.port), field('gate', 'unitId', t.unitId), field('gate', 'coil', t.coil)]}
      {gate.kind === 'http' && [field('gate', 'method', t.method, ['POST', 'PUT', 'GET']), field('gate', 'url', t.url), field('gate', 'expectedStatus', t.expectedStatus)]}
      {gate.kind !== 'none' && gate.kind !== 'http' && field('gate', 'pulseMs', t.pulseMs)}
      {gate.kind !== 'none' && field('gate', 'timeoutMs', t.timeoutMs)}
      <div className="hub-row">
        <button type="button" className="button" data-testid="settings-gate-test" title={t.testHint} disabled={busy} onClick={() => runAsync(test())}>
          {t.testGate}
        </button>
      </div>
      {notice !== null && (
        <p className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="settings-gate-message">
          {notice.text}
        </p>
      )}
      <SelectField name="scanner-kind" label={t.scannerKind} value={scanner.kind} onChange={(k) => props.onScanner(SCANNER_START[k as ScannerSettings['kind']] ?? SCANNER_START.none)}>
        {(Object.keys(SCANNER_START) as ScannerSettings['kind'][]).map((k) => (
          <option key={k} value={k}>
            {t.scannerKinds[k]}
          </option>
        ))}
      </SelectField>
      {scanner.kind === 'serial' && [
        field('scanner', 'path', t.serialPath),
        field('scanner', 'baudRate', t.baudRate, bauds),
        field('scanner', 'framing', t.framing, ['line', 'pause'], t.framings),
        ...(scanner.framing === 'pause' ? [field('scanner', 'pauseMs', t.pauseMs)] : []),
      ]}
    </fieldset>
  );
}
