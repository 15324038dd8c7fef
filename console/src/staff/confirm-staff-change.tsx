import { useEffect, useRef } from 'react';
import type { StaffRole } from '../../../shared/console/console-api.js';
import { useText } from '../i18n/locale-context.js';
import { SHELL_TEXT } from '../i18n/shell-text.js';
import { STAFF_TEXT } from '../i18n/staff-text.js';

/** A change to an account that ends its sessions or keeps it out: disabling, a new role, a reset authenticator. */
export type StaffChange =
  | { kind: 'disable'; id: string; name: string; path: string; body: unknown }
  | { kind: 'totp-reset'; id: string; name: string; path: string; body: unknown }
  | { kind: 'role'; id: string; name: string; role: StaffRole; path: string; body: unknown };

/**
 * Asks before the change, in the console's language (not the browser's own dialog), saying what
 * it does; on the admin's own row it says the admin is signed out too.
 */
export function ConfirmStaffChange(props: { change: StaffChange; self: boolean; busy: boolean; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const t = useText(STAFF_TEXT);
  const shell = useText(SHELL_TEXT);
  const c = props.change;
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus: Enter pressed out of habit changes nothing.
  useEffect(() => cancel.current?.focus(), [c]);
  const question = c.kind === 'disable' ? t.askDisable(c.name, c.id) : c.kind === 'totp-reset' ? t.askResetTotp(c.name, c.id) : t.askRole(c.name, c.id, shell.role[c.role]);
  const go = c.kind === 'disable' ? t.confirmDisable : c.kind === 'totp-reset' ? t.confirmResetTotp : t.confirmRole;
  return (
    <section className="withdraw" role="alertdialog" aria-labelledby="staff-confirm-title" aria-describedby="staff-confirm-lead" data-testid="staff-confirm">
      <h3 id="staff-confirm-title">{question}</h3>
      <p id="staff-confirm-lead">
        {t.endsSessions}
        {props.self && <strong> {t.selfWarning}</strong>}
      </p>
      <div className="actions">
        <button type="button" className="button quiet" ref={cancel} onClick={props.onCancel}>
          {t.cancel}
        </button>
        <button type="button" className="button danger-filled" disabled={props.busy} onClick={() => void props.onConfirm()}>
          {go}
        </button>
      </div>
    </section>
  );
}
