import { STAFF_ROLES, type StaffRole } from '../../../shared/console/console-api.js';
import type { Locale, Localized } from '../../../shared/i18n/locale.js';
import { CONSOLE_ERROR_TEXT } from '../i18n/error-text.js';
import type { StaffLogText } from '../i18n/staff-log-text.js';

const isRole = (s: string): s is StaffRole => (STAFF_ROLES as readonly string[]).includes(s);

/**
 * The detail after `ok:` in words, as the hub writes it (hub/console/*-routes.ts, session-routes.ts):
 * a role (`ok:officer`), a role change (`ok:officer->auditor`), `ok:disabled`, the roles needing an
 * authenticator (`ok:admin,officer`, `ok:none`), `ok:totp-setup-required`, a key's role, the trust
 * version a key change published (`ok:trust v4`), a rules preview (`ok:v3:2`) or publish (a digest).
 * A detail of a form this page does not know stays as written.
 */
function detailWords(action: string, detail: string, t: StaffLogText, roles: Readonly<Record<StaffRole, string>>): string {
  const roleName = (r: string): string => (isRole(r) ? roles[r] : r);
  if (detail === 'totp-setup-required') return t.detail.totpSetupRequired;
  if (detail === 'disabled') return t.detail.disabled;
  if (detail === 'enabled') return t.detail.enabled;
  if (action === 'staff.totp-roles') return detail === 'none' ? t.detail.noRoles : detail.split(',').map(roleName).join(t.detail.listSeparator);
  const change = /^([a-z]+)->([a-z]+)$/.exec(detail);
  if (change !== null) return t.detail.roleChange(roleName(change[1] ?? ''), roleName(change[2] ?? ''));
  if (isRole(detail)) return roles[detail];
  if (action === 'key.rotate' && (detail === 'signing' || detail === 'trust')) return t.detail.keyRole[detail];
  const trust = /^trust v(\d+|unchanged)$/.exec(detail);
  if (trust !== null) return trust[1] === 'unchanged' ? t.detail.trustUnchanged : t.detail.trustVersion(Number(trust[1]));
  const preview = /^v(\d+):(\d+)$/.exec(detail);
  if (preview !== null) return t.detail.rulesPreview(Number(preview[1]), Number(preview[2]));
  if (action === 'rules.publish' && /^[0-9a-f]{16}$/.test(detail)) return t.detail.digest(detail);
  return detail;
}

/** An outcome in words: `ok` (with its detail), `refused:CODE` as the refusal's sentence, the find's `none`, a roster's line counts; anything else as written. */
export function outcomeWords(action: string, outcome: string, t: StaffLogText, roles: Readonly<Record<StaffRole, string>>, locale: Locale): string {
  const colon = outcome.indexOf(':');
  const head = colon < 0 ? outcome : outcome.slice(0, colon);
  const detail = colon < 0 ? '' : outcome.slice(colon + 1);
  if (head === 'ok') return colon < 0 ? t.ok : `${t.ok}${t.detail.open}${detailWords(action, detail, t, roles)}${t.detail.close}`;
  if (head === 'refused') {
    const known = (CONSOLE_ERROR_TEXT as Readonly<Record<string, Localized>>)[detail];
    return `${t.refused}${known === undefined ? detail : known[locale]}`;
  }
  if (outcome === 'none') return t.detail.none;
  const lines = /^lines:(\d+)(?:,problems:(\d+))?$/.exec(outcome);
  if (lines !== null) return t.detail.lines(Number(lines[1]), lines[2] === undefined ? undefined : Number(lines[2]));
  return outcome;
}
