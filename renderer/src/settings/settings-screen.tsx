import { useState, type FormEvent } from 'react';
import type { TerminalSettings } from '../../../shared/api/api-types.js';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';
import { WARNING_CODES } from '../../../shared/reason-codes.js';
import { useApi } from '../api/api-context.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { COUNTER_TEXT } from '../i18n/counter-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { cameraName } from '../scanner/camera-choice.js';
import { useCameraDevices } from '../scanner/use-camera-devices.js';
import { playSignal } from '../sound/tones.js';
import { runAsync } from '../util/run-async.js';
import { ClockSection } from './clock-section.js';
import { HardwareSection } from './hardware-section.js';
import { HubSection } from './hub-section.js';
import { CheckField, NumberField, SelectField, TextField } from './settings-fields.js';
import { draftOf, inputOf, numberBounds, type SettingsDraft } from './settings-draft.js';

/** The supervisor's settings page; a save applies at once (language, service, gate mode…). */
export function SettingsScreen(props: { settings: TerminalSettings; catalogue: { id: string; name: string }[]; onSaved: (settings: TerminalSettings) => void }) {
  const locale = useLocale();
  const t = useText(ADMIN_TEXT);
  const tc = useText(COUNTER_TEXT);
  const call = useApi();
  const { devices } = useCameraDevices();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(props.settings));
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SettingsDraft>(key: K) => (value: SettingsDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // The camera is kept by id and by name (ids can change across reboots).
  const chooseCamera = (deviceId: string): void => {
    if (deviceId === draft.cameraDeviceId) return;
    const device = devices.find((d) => d.deviceId === deviceId);
    setDraft((d) => ({ ...d, cameraDeviceId: device?.deviceId ?? null, cameraLabel: device === undefined || device.label === '' ? null : device.label }));
  };
  const labels: Record<string, string> = {
    autoReturnSeconds: t.autoReturnSeconds, operatorIdleMinutes: t.operatorIdleMinutes, supervisorIdleMinutes: t.supervisorIdleMinutes,
    duplicateWindowSeconds: t.duplicateWindowSeconds, listStaleHours: t.listStaleHours,
    siteName: t.siteName, terminalId: `${t.terminalId}（${t.terminalIdHint}）`,
  };

  const save = async (): Promise<void> => {
    const checked = inputOf(draft);
    if (!checked.ok) {
      setMessage({ tone: 'error', text: `${labels[checked.field] ?? checked.field} ✖` });
      document.querySelector<HTMLElement>(`[data-testid="settings-${checked.field}"]`)?.focus();
      return;
    }
    setBusy(true);
    const result = await call('settings.set', checked.input);
    setBusy(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error.message });
    setDraft(draftOf(result.value));
    setMessage({ tone: 'ok', text: ADMIN_TEXT[result.value.language].saved });
    props.onSaved(result.value);
  };
  // Enrolment sets the counter's site and service to the code's: show them, and tell the shell.
  const takeEnrolment = async (): Promise<void> => {
    const result = await call('settings.get', {});
    if (!result.ok) return;
    setDraft(draftOf(result.value));
    props.onSaved(result.value);
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    runAsync(save());
  };
  const escalated = (code: (typeof WARNING_CODES)[number], on: boolean): void =>
    set('escalate')(on ? [...draft.escalate.filter((c) => c !== code), code] : draft.escalate.filter((c) => c !== code));

  return (
    <main className="settings-screen" aria-labelledby="settings-title">
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <header className="screen-header">
          <div>
            <h1 id="settings-title">{t.settingsTitle}</h1>
            <p className="muted">{t.settingsLead}</p>
          </div>
          <div className="settings-actions">
            {message !== null && (
              <p className={`notice notice-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="settings-message">
                {message.text}
              </p>
            )}
            <button type="submit" className="button button-primary" data-testid="settings-save" disabled={busy}>
              {busy ? t.saving : t.save} <kbd>Enter</kbd>
            </button>
          </div>
        </header>
        <div className="settings-columns">
          <fieldset>
            <TextField name="siteName" label={t.siteName} value={draft.siteName} onChange={set('siteName')} />
            <SelectField name="service" label={t.service} value={draft.service} onChange={set('service')}>
              {props.catalogue.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <TextField name="terminalId" label={t.terminalId} hint={t.terminalIdHint} value={draft.terminalId} onChange={set('terminalId')} />
            <SelectField name="language" label={t.language} value={draft.language} onChange={(v) => set('language')(v === 'en' ? 'en' : 'zh')}>
              <option value="zh">中文（简体）</option>
              <option value="en">English</option>
            </SelectField>
            <SelectField name="camera" label={t.camera} value={draft.cameraDeviceId ?? ''} onChange={chooseCamera}>
              <option value="">{tc.cameraDefault}</option>
              {draft.cameraDeviceId !== null && !devices.some((d) => d.deviceId === draft.cameraDeviceId) && (
                <option value={draft.cameraDeviceId}>{tc.cameraGone(draft.cameraLabel ?? `${draft.cameraDeviceId.slice(0, 12)}…`)}</option>
              )}
              {devices.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {cameraName(d, i, tc.cameraUnnamed)}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <fieldset>
            <CheckField name="requireIdCheck" label={t.requireIdCheck} checked={draft.requireIdCheck} onChange={set('requireIdCheck')} />
            <CheckField name="gateMode" label={t.gateMode} hint={t.gateModeHint} checked={draft.gateMode} onChange={set('gateMode')} />
            <CheckField name="kiosk" label={t.kiosk} checked={draft.kiosk} onChange={set('kiosk')} />
            <div className="sound-row">
              <CheckField name="sounds" label={t.sounds} checked={draft.sounds} onChange={set('sounds')} />
              {(['accept', 'reject', 'warning'] as const).map((s) => (
                <button key={s} type="button" className="button button-small" data-testid={`settings-sound-${s}`} onClick={() => playSignal(s)}>
                  {t.testSounds} {s === 'accept' ? '✔' : s === 'reject' ? '✖' : '⚠'}
                </button>
              ))}
            </div>
            <NumberField name="autoReturnSeconds" label={t.autoReturnSeconds} {...numberBounds('autoReturnSeconds')} value={draft.autoReturnSeconds} onChange={set('autoReturnSeconds')} />
            <NumberField name="operatorIdleMinutes" label={t.operatorIdleMinutes} {...numberBounds('operatorIdleMinutes')} value={draft.operatorIdleMinutes} onChange={set('operatorIdleMinutes')} />
            <NumberField name="supervisorIdleMinutes" label={t.supervisorIdleMinutes} {...numberBounds('supervisorIdleMinutes')} value={draft.supervisorIdleMinutes} onChange={set('supervisorIdleMinutes')} />
            <NumberField name="duplicateWindowSeconds" label={t.duplicateWindowSeconds} {...numberBounds('duplicateWindowSeconds')} value={draft.duplicateWindowSeconds} onChange={set('duplicateWindowSeconds')} />
            <NumberField name="listStaleHours" label={t.listStaleHours} {...numberBounds('listStaleHours')} value={draft.listStaleHours} onChange={set('listStaleHours')} />
          </fieldset>
          <div className="settings-stack">
            <fieldset className="escalate">
              <legend>{t.escalate}</legend>
              <p className="field-hint">{t.escalateHint}</p>
              {WARNING_CODES.map((code) => (
                <CheckField
                  key={code}
                  name={`escalate-${code}`}
                  label={REASON_TEXT[code].title[locale]}
                  checked={draft.escalate.includes(code)}
                  onChange={(on) => escalated(code, on)}
                />
              ))}
            </fieldset>
            <HardwareSection gate={draft.gate} scanner={draft.scanner} onGate={set('gate')} onScanner={set('scanner')} />
            <HubSection
              camera={draft.cameraDeviceId === null ? null : { deviceId: draft.cameraDeviceId, label: draft.cameraLabel }}
              serialScanner={props.settings.scanner.kind !== 'none'}
              onEnrolled={() => runAsync(takeEnrolment())}
            />
            <ClockSection />
          </div>
        </div>
      </form>
    </main>
  );
}
