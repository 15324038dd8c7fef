import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { parseEnrolQr, type EnrolQr } from '../../../shared/sync/enrol-qr.js';
import type { CameraChoice } from '../scanner/camera-choice.js';
import { EnrolScan } from './enrol-scan.js';
import type { SyncView } from '../../../shared/api/api-types.js';
import { useApi } from '../api/api-context.js';
import { HUB_TEXT } from '../i18n/hub-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { useApiErrorText } from '../i18n/use-api-error-text.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { useSyncNoticesText } from '../i18n/use-sync-notices-text.js';
import { runAsync } from '../util/run-async.js';

type Notice = { tone: 'ok' | 'error'; text: string } | null;

/** What a round left to say after a success (a refused bundle, the hub unreachable…, worded by the page), after the success itself. */
const outcome = (text: string, view: SyncView, said: string | null): Notice => ({
  tone: view.state === 'idle' || view.state === 'syncing' ? 'ok' : 'error',
  text: said === null ? text : `${text} — ${said}`,
});

const plausible = (hubUrl: string, code: string): boolean => /^https?:\/\/\S+$/i.test(hubUrl.trim()) && code.trim().length >= 6;

/** The settings screen's hub section: the sync state, enrolment (sync.enrol) and a round on demand (sync.now). */
export function HubSection(props: { camera: CameraChoice | null; serialScanner: boolean; onEnrolled: () => void }) {
  const locale = useLocale();
  const t = useText(HUB_TEXT);
  const ts = useText(SHELL_TEXT);
  const errorText = useApiErrorText();
  const noticesText = useSyncNoticesText();
  const call = useApi();
  const [view, setView] = useState<SyncView | null>(null);
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  // From a scanned enrolment QR: the hub's trust key, which lets a terminal that trusts nobody yet take the hub's trust list.
  const [thumbprint, setThumbprint] = useState<string | null>(null);
  // And the trust version it was printed under: the terminal refuses a hub's older list.
  const [trustMinVersion, setTrustMinVersion] = useState<number | undefined>(undefined);
  const fillFromQr = useCallback((qr: EnrolQr): void => {
    setHubUrl(qr.url);
    setCode(qr.token);
    setThumbprint(qr.jinka_trust_key_thumbprint);
    setTrustMinVersion(qr.jinka_trust_min_version);
    setNotice({ tone: 'ok', text: HUB_TEXT[locale].qrRead });
  }, [locale]);
  // A QR's text pasted or typed into the URL field fills the form as a scan does.
  const typeHubUrl = (text: string): void => {
    const qr = text.trimStart().startsWith('{') ? parseEnrolQr(text) : undefined;
    if (qr?.ok === true) fillFromQr(qr.value);
    else setHubUrl(text);
  };
  const [busy, setBusy] = useState<'enrol' | 'sync' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    let live = true;
    runAsync(call('sync.status', {}).then((r) => live && r.ok && setView(r.value)));
    return () => {
      live = false;
    };
  }, [call]);

  const enrol = async (): Promise<void> => {
    if (!plausible(hubUrl, code)) return setNotice({ tone: 'error', text: t.needInput });
    setBusy('enrol');
    const result = await call('sync.enrol', { hubUrl: hubUrl.trim(), code: code.trim(), ...(thumbprint !== null && { trustThumbprint: thumbprint, ...(trustMinVersion !== undefined && { trustMinVersion }) }) });
    setBusy(null);
    if (!result.ok) return setNotice({ tone: 'error', text: errorText(result.error) });
    setView(result.value);
    setCode('');
    setThumbprint(null);
    setTrustMinVersion(undefined);
    // The counter took the enrolment's site and service (and, by QR, the bureau's trust list and rules).
    props.onEnrolled();
    setNotice(outcome(t.enrolled, result.value, noticesText(result.value.notices)));
  };
  const syncNow = async (): Promise<void> => {
    setBusy('sync');
    const result = await call('sync.now', {});
    setBusy(null);
    if (!result.ok) return setNotice({ tone: 'error', text: errorText(result.error) });
    setView(result.value);
    setNotice(outcome(t.synced, result.value, noticesText(result.value.notices)));
  };
  const viewSaid = view === null ? null : noticesText(view.notices);
  // Inside the settings form: Enter in these inputs enrols instead of saving the settings.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.stopPropagation();
    runAsync(enrol());
  };

  return (
    <fieldset className="hub-section">
      <legend>{t.title}</legend>
      <dl className="hub-state" data-testid="settings-syncState">
        <dt>{t.state}</dt>
        <dd data-state={view?.state}>{view === null ? '…' : ts.sync[view.state]}</dd>
        <dt>{t.pendingUploads}</dt>
        <dd>{view?.pendingUploads ?? '…'}</dd>
        <dt>{t.lastSuccess}</dt>
        <dd>{view?.lastSuccess?.slice(0, 16).replace('T', ' ') ?? t.never}</dd>
      </dl>
      {notice === null && viewSaid !== null && (
        <p className="field-hint hub-message" title={viewSaid}>
          {viewSaid}
        </p>
      )}
      <input data-testid="settings-hubUrl" type="text" inputMode="url" aria-label={t.hubUrl} title={t.lead} placeholder={t.hubUrl} maxLength={300} value={hubUrl} onChange={(e) => typeHubUrl(e.target.value)} onKeyDown={onEnter} />
      <div className="hub-row">
        <input data-testid="settings-enrolCode" type="text" autoComplete="off" aria-label={t.code} placeholder={t.code} maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} onKeyDown={onEnter} />
        <button type="button" className="button button-primary" data-testid="settings-enrol" disabled={busy !== null} onClick={() => runAsync(enrol())}>
          {busy === 'enrol' ? t.enrolling : t.enrol}
        </button>
        <button type="button" className="button" data-testid="settings-syncNow" disabled={busy !== null} onClick={() => runAsync(syncNow())}>
          {busy === 'sync' ? t.syncing : t.syncNow}
        </button>
      </div>
      {view?.state === 'not-enrolled' && <EnrolScan camera={props.camera} serialScanner={props.serialScanner} onQr={fillFromQr} />}
      {notice !== null && (
        <p className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} title={notice.text} data-testid="settings-enrol-message">
          {notice.text}
        </p>
      )}
    </fieldset>
  );
}
