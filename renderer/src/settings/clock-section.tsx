import { useEffect, useState, type KeyboardEvent } from 'react';
import { useApi } from '../api/api-context.js';
import { CLOCK_TEXT } from '../i18n/clock-text.js';
import { useText } from '../i18n/locale-context.js';
import { useApiErrorText } from '../i18n/use-api-error-text.js';
import { runAsync } from '../util/run-async.js';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** The settings screen's clock section: whether the clock guard is raised, and the supervisor's reset with a reason (clock.reset). */
export function ClockSection() {
  const t = useText(CLOCK_TEXT);
  const errorText = useApiErrorText();
  const call = useApi();
  const [suspect, setSuspect] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    let live = true;
    runAsync(call('status.get', {}).then((r) => live && r.ok && setSuspect(r.value.clockSuspect)));
    return () => {
      live = false;
    };
  }, [call]);

  const reset = async (): Promise<void> => {
    const why = reason.trim();
    if (why.length === 0 || why.length > 200) return setNotice({ tone: 'error', text: t.needReason });
    setBusy(true);
    const result = await call('clock.reset', { reason: why });
    setBusy(false);
    if (!result.ok) return setNotice({ tone: 'error', text: errorText(result.error) });
    setReason('');
    setSuspect(false);
    setNotice({ tone: 'ok', text: t.done(result.value.from, result.value.to) });
  };
  // Inside the settings form: Enter in the reason resets instead of saving the settings.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    runAsync(reset());
  };

  return (
    <fieldset className="hub-section clock-section">
      <legend>{t.title}</legend>
      <p className="field-hint">{t.lead}</p>
      <p data-testid="settings-clockState" data-suspect={suspect === null ? undefined : String(suspect)} className={suspect === true ? 'notice notice-error' : 'field-hint'}>
        {suspect === null ? '…' : suspect ? t.suspect : t.fine}
      </p>
      <div className="hub-row">
        <input data-testid="settings-clockReason" type="text" autoComplete="off" aria-label={t.reason} placeholder={t.reason} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} onKeyDown={onEnter} />
        <button type="button" className="button" data-testid="settings-clockReset" disabled={busy} onClick={() => runAsync(reset())}>
          {busy ? t.resetting : t.reset}
        </button>
      </div>
      {notice !== null && (
        <p className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="settings-clock-message">
          {notice.text}
        </p>
      )}
    </fieldset>
  );
}
