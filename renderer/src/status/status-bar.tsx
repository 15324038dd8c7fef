import type { OperatorView, StatusView } from '../../../shared/api/api-types.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import { ADMIN_TEXT } from '../i18n/admin-text.js';
import { HARDWARE_TEXT } from '../i18n/hardware-text.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { ageText } from '../util/time-format.js';
import { useCameraState } from './camera-state.js';
import { listSummary } from './list-summary.js';

function operatorText(operator: OperatorView, supervisor: string, locale: Locale): string {
  const role = operator.role === 'supervisor' ? ` · ${supervisor}` : '';
  return locale === 'zh' ? `${operator.name}（${operator.id}${role}）` : `${operator.name} (${operator.id}${role})`;
}

/** Always on screen: who and where, how fresh the lists are, sync — and a loud warning when lists are stale or the clock is wrong. */
export function StatusBar(props: { status: StatusView | null }) {
  const locale = useLocale();
  const t = useText(SHELL_TEXT);
  const th = useText(HARDWARE_TEXT);
  const ta = useText(ADMIN_TEXT);
  const camera = useCameraState();
  const { status } = props;
  if (status === null) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        <span>{t.loading}</span>
      </footer>
    );
  }
  // The oldest list, not the newest: a trusted issuer without a list is older than any (§6 LISTS_STALE).
  const { missing, old, oldestHours } = listSummary(status, ta.issuerShort);
  const listAge = missing.length > 0 ? t.listsMissing(missing) : oldestHours === null ? t.listsNone : ageText(oldestHours, locale);
  const alarm = status.listsStale || status.clockSuspect;
  const level = status.clockSuspect ? 'danger' : status.listsStale ? 'warn' : 'ok';
  return (
    <footer className={`status-bar status-${level}`} data-testid="status-bar">
      {alarm && (
        <div className="status-alarm" role="alert" data-testid="lists-warning">
          <span aria-hidden="true">⚠</span>
          {status.listsStale && <strong data-testid="lists-stale">{t.listsStale(missing, old)}</strong>}
          {status.clockSuspect && <strong data-testid="clock-suspect">{t.clockSuspect}</strong>}
        </div>
      )}
      <dl className="status-items">
        <div>
          <dt>{t.terminal}</dt>
          <dd data-testid="status-terminal">{status.terminalId}</dd>
        </div>
        <div>
          <dt>{t.site}</dt>
          <dd data-testid="status-site">{status.siteName}</dd>
        </div>
        <div>
          <dt>{t.operator}</dt>
          <dd data-testid="status-operator">
            {status.operator === null ? '—' : operatorText(status.operator, t.supervisor, locale)}
          </dd>
        </div>
        <div className={status.listsStale ? 'status-item-bad' : ''}>
          <dt>{t.lists}</dt>
          <dd data-testid="status-lists-age" title={status.lists.map((l) => `${l.iss} #${l.seq}: ${ageText(l.ageHours, locale)}`).join('\n')}>
            {listAge}
          </dd>
        </div>
        <div>
          <dt>{t.rules}</dt>
          <dd data-testid="status-rules">{t.rulesVersion(status.rulesVersion, status.rulesSource === 'built-in')}</dd>
        </div>
        <div className={status.sync.state === 'error' ? 'status-item-bad' : ''}>
          <dt>{t.syncLabel}</dt>
          <dd data-testid="status-sync" data-state={status.sync.state}>
            {t.sync[status.sync.state]}
            {status.sync.pendingUploads > 0 ? ` · ${t.pendingUploads(status.sync.pendingUploads)}` : ''}
          </dd>
        </div>
        {(
          [
            ['camera', th.camera, { state: camera, message: null }],
            ['scanner', th.scanner, status.hardware.scanner],
            ['gate', th.gate, status.hardware.gate],
          ] as const
        )
          .filter(([, , device]) => device.state !== 'off')
          .map(([key, label, device]) => (
            <div key={key} className={device.state === 'ready' ? '' : 'status-item-bad'}>
              <dt>{label}</dt>
              <dd data-testid={`status-${key}`} data-state={device.state} title={device.message ?? undefined}>
                {th.state[device.state]}
              </dd>
            </div>
          ))}
      </dl>
    </footer>
  );
}
