import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import {
  PASSWORD_MIN,
  STAFF_ROLES,
  staffListResponseSchema,
  type StaffRole,
  type StaffView,
} from '../../../shared/console/console-api.js';
import { apiGet, apiPost } from '../api/console-client.js';
import { bureauTime } from '../app/format-time.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useLatestAnswer } from '../app/use-latest-answer.js';
import { useLocale, useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { STAFF_TEXT } from '../i18n/staff-text.js';
import { AddStaffForm } from './add-staff-form.js';
import { ConfirmStaffChange, type StaffChange } from './confirm-staff-change.js';

type StaffList = z.infer<typeof staffListResponseSchema>;
/** Any acknowledgement the staff routes answer (ok, or the changed account): the page reloads the list after each. */
const anyAnswer = z.unknown();

/** Staff accounts (admin): the list with each account's state, add, role, password reset, disable, authenticator reset, and the roles that need TOTP. */
export function StaffPage() {
  const t = useText(STAFF_TEXT);
  const shell = useText(SHELL_TEXT);
  const locale = useLocale();
  const { csrfToken, staff: me } = useSession();
  const [list, setList] = useState<StaffList | undefined>();
  const [resetting, setResetting] = useState<string | undefined>();
  const [asking, setAsking] = useState<StaffChange | undefined>();
  const action = useAction();
  const { run } = action;

  const latest = useLatestAnswer();
  const load = useCallback(() => run(() => latest(apiGet('/staff', staffListResponseSchema), setList)), [run, latest]);
  useEffect(() => {
    void load();
  }, [load]);

  const change = async (path: string, body: unknown) => {
    if (await run(() => apiPost(path, csrfToken, body, anyAnswer).then(() => undefined))) await load();
  };

  return (
    <section aria-labelledby="staff-title" className="page">
      <h1 id="staff-title">{t.title}</h1>
      <p className="problem" role="alert" data-testid="page-problem">
        {action.problem}
      </p>
      {list === undefined ? (
        <p>{shell.loading}</p>
      ) : (
        <>
          <table className="table" data-testid="staff-table">
            <caption>{t.accounts}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colId}</th>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colRole}</th>
                <th scope="col">{t.colTotp}</th>
                <th scope="col">{t.colState}</th>
                <th scope="col">{t.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {list.staff.map((s) => (
                <StaffRow
                  key={s.id}
                  staff={s}
                  self={s.id === me.id}
                  busy={action.busy}
                  onChange={change}
                  onAsk={setAsking}
                  onReset={() => setResetting(s.id)}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
          {asking !== undefined && (
            <ConfirmStaffChange
              change={asking}
              self={asking.id === me.id}
              busy={action.busy}
              onCancel={() => setAsking(undefined)}
              onConfirm={async () => {
                const { path, body } = asking;
                setAsking(undefined);
                await change(path, body);
              }}
            />
          )}
          {resetting !== undefined && (
            <PasswordReset
              id={resetting}
              busy={action.busy}
              onCancel={() => setResetting(undefined)}
              onSave={async (password) => {
                await change(`/staff/${resetting}/password`, { password });
                setResetting(undefined);
              }}
            />
          )}
          <TotpRoles roles={list.totpRoles} busy={action.busy} onSave={(roles) => change('/staff-totp-roles', { roles })} />
          <AddStaffForm onAdded={load} />
        </>
      )}
    </section>
  );
}

function StaffRow(props: {
  staff: StaffView;
  self: boolean;
  busy: boolean;
  locale: 'zh' | 'en';
  onChange: (path: string, body: unknown) => Promise<void>;
  /** A change that ends the account's sessions or locks it out: asked first. */
  onAsk: (change: StaffChange) => void;
  onReset: () => void;
}) {
  const t = useText(STAFF_TEXT);
  const shell = useText(SHELL_TEXT);
  const s = props.staff;
  const [role, setRole] = useState<StaffRole>(s.role);
  const locked = s.lockedUntil !== null && s.lockedUntil > Date.now();
  return (
    <tr data-staff={s.id}>
      <th scope="row">
        {s.id}
        {props.self && <span className="badge">{t.you}</span>}
      </th>
      <td>{s.name}</td>
      <td>{shell.role[s.role]}</td>
      <td>{s.totp ? t.totpOn : t.totpOff}</td>
      <td>
        <span className={s.disabled ? 'badge bad' : 'badge good'}>{s.disabled ? t.disabled : t.active}</span>
        {locked && s.lockedUntil !== null && <span className="badge warn">{t.lockedUntil(bureauTime(s.lockedUntil, props.locale))}</span>}
      </td>
      <td>
        <div className="row-actions">
          <select aria-label={t.changeRole(s.id)} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {shell.role[r]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={props.busy || role === s.role}
            onClick={() => props.onAsk({ kind: 'role', id: s.id, name: s.name, role, path: `/staff/${s.id}/role`, body: { role } })}
          >
            {t.saveRole}
          </button>
          <button type="button" className="button" disabled={props.busy} onClick={props.onReset}>
            {t.resetPassword}
          </button>
          {s.totp && (
            <button
              type="button"
              className="button"
              disabled={props.busy}
              onClick={() => props.onAsk({ kind: 'totp-reset', id: s.id, name: s.name, path: `/staff/${s.id}/totp-reset`, body: undefined })}
            >
              {t.resetTotp}
            </button>
          )}
          <button
            type="button"
            className={s.disabled ? 'button' : 'button danger'}
            disabled={props.busy}
            onClick={() =>
              s.disabled
                ? void props.onChange(`/staff/${s.id}/disabled`, { disabled: false })
                : props.onAsk({ kind: 'disable', id: s.id, name: s.name, path: `/staff/${s.id}/disabled`, body: { disabled: true } })
            }
          >
            {s.disabled ? t.enable : t.disable}
          </button>
        </div>
      </td>
    </tr>
  );
}

function PasswordReset(props: { id: string; busy: boolean; onCancel: () => void; onSave: (password: string) => Promise<void> }) {
  const t = useText(STAFF_TEXT);
  const [password, setPassword] = useState('');
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave(password);
      }}
    >
      <label className="field">
        <span>{t.newPassword(props.id)}</span>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} minLength={PASSWORD_MIN} />
        <small>{t.passwordHint(PASSWORD_MIN)}</small>
      </label>
      <div className="actions">
        <button type="button" className="button quiet" onClick={props.onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="button primary" disabled={props.busy || password.length < PASSWORD_MIN}>
          {t.savePassword}
        </button>
      </div>
    </form>
  );
}

function TotpRoles(props: { roles: readonly StaffRole[]; busy: boolean; onSave: (roles: StaffRole[]) => Promise<void> }) {
  const t = useText(STAFF_TEXT);
  const shell = useText(SHELL_TEXT);
  const [chosen, setChosen] = useState<StaffRole[]>([...props.roles]);
  useEffect(() => setChosen([...props.roles]), [props.roles]);
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave(chosen);
      }}
    >
      <fieldset>
        <legend>{t.totpRoles}</legend>
        <p className="hint">{t.totpRolesLead}</p>
        <div className="checks">
          {STAFF_ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(r)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, r] : c.filter((x) => x !== r)))}
              />
              {shell.role[r]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={props.busy}>
          {t.saveTotpRoles}
        </button>
      </div>
    </form>
  );
}
