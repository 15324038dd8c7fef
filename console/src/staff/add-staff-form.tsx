import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { PASSWORD_MIN, STAFF_ID_PATTERN, STAFF_ROLES, type StaffRole } from '../../../shared/console/console-api.js';
import { apiPost } from '../api/console-client.js';
import { useSession } from '../app/session-context.js';
import { useAction } from '../app/use-action.js';
import { useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { STAFF_TEXT } from '../i18n/staff-text.js';

/** Adds an account: the id, name, role and first password, checked as typed with the contract's own rules. */
export function AddStaffForm(props: { onAdded: () => Promise<unknown> }) {
  const t = useText(STAFF_TEXT);
  const shell = useText(SHELL_TEXT);
  const { csrfToken } = useSession();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('officer');
  const [password, setPassword] = useState('');
  const action = useAction();
  const idOk = STAFF_ID_PATTERN.test(id);
  const ready = idOk && name.trim() !== '' && password.length >= PASSWORD_MIN;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const added = await action.run(() => apiPost('/staff', csrfToken, { id, name: name.trim(), role, password }, z.unknown()).then(() => undefined));
    if (added) {
      setId('');
      setName('');
      setPassword('');
      await props.onAdded();
    }
  };

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="add-staff-title" data-testid="add-staff">
      <h2 id="add-staff-title">{t.addTitle}</h2>
      <div className="form-grid">
        <label className="field">
          <span>{t.colId}</span>
          <input
            type="text"
            value={id}
            onChange={(e) => setId(e.target.value.trim().toLowerCase())}
            aria-invalid={id !== '' && !idOk}
            aria-describedby="add-staff-id-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <small id="add-staff-id-hint">{t.idHint}</small>
        </label>
        <label className="field">
          <span>{t.name}</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoComplete="off" />
        </label>
        <label className="field">
          <span>{t.role}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {shell.role[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.password}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            aria-describedby="add-staff-password-hint"
          />
          <small id="add-staff-password-hint">{t.passwordHint(PASSWORD_MIN)}</small>
        </label>
      </div>
      <p className="problem" role="alert">
        {action.problem}
      </p>
      <div className="actions">
        <button type="submit" className="button primary" disabled={action.busy || !ready}>
          {t.add}
        </button>
      </div>
    </form>
  );
}
