import type { KeyListResponse, KeyStatus } from '../../../shared/console/key-api.js';
import { bureauTime } from '../app/format-time.js';
import { shanghaiDate } from '../../../shared/time/shanghai-calendar.js';
import { KEYS_TEXT } from '../i18n/keys-text.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { Fingerprint } from './fingerprint.js';

const badge = (s: KeyStatus): string => (s === 'compromised' ? 'badge bad' : s === 'current' || s === 'trust' ? 'badge good' : 'badge');

/** The bureau's keys: state, what the trust list lets each sign (in words), the whole thumbprint; a retire button per retirable key for an admin. */
export function KeysTable(props: { keys: KeyListResponse; admin: boolean; busy: boolean; onRetire: (kid: string) => void }) {
  const t = useText(KEYS_TEXT);
  const locale = useLocale();
  return (
    <>
      <table className="table compact" data-testid="keys-table">
        <caption>{props.keys.trustVersion === 0 ? t.keysCaptionNoTrust : t.keysCaption(props.keys.trustVersion)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colKid}</th>
            <th scope="col" className="wrap-head">
              {t.colRole}
            </th>
            <th scope="col">{t.colStatus}</th>
            <th scope="col" className="wrap-head">
              {t.colUsage}
            </th>
            <th scope="col" className="wrap-head">
              {t.colCreated}
            </th>
            <th scope="col" className="wrap-head">
              {t.colLastCard}
            </th>
            <th scope="col">{t.colThumbprint}</th>
            {props.admin && <th scope="col">{t.colActions}</th>}
          </tr>
        </thead>
        <tbody>
          {props.keys.keys.map((k) => (
            <tr key={k.kid} data-kid={k.kid} data-status={k.status}>
              <th scope="row" className="nowrap">
                <code>{k.kid}</code>
              </th>
              <td>{t.role[k.role]}</td>
              <td className="nowrap">
                <span className={badge(k.status)}>{t.status[k.status]}</span>
              </td>
              <td data-testid="key-usage">{k.usage.length === 0 ? t.usageNone : k.usage.map((u) => t.use[u]).join(t.listSeparator)}</td>
              <td className="nowrap">{bureauTime(k.createdAt, locale)}</td>
              <td className="nowrap">{k.lastCardExpiresAt === null ? '—' : shanghaiDate(k.lastCardExpiresAt)}</td>
              <td>
                <Fingerprint value={k.thumbprint} label={k.kid} />
              </td>
              {props.admin && (
                <td>
                  {k.retirable && (
                    <button type="button" className="button danger" disabled={props.busy} onClick={() => props.onRetire(k.kid)} aria-label={`${t.retire} ${k.kid}`}>
                      {t.retire}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="key-states-explained">
        {t.statesExplained}
      </p>
    </>
  );
}
