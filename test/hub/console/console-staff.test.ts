import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logSafe, staffLogCsv } from '../../../hub/console/staff-log.js';
import type { StaffView } from '../../../shared/console/console-api.js';
import { idNumber } from '../hub-fixtures.js';
import { browserOf, consoleBench, PASSWORDS } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

describe('console staff management (admin)', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('adds an account (logged, no password in the answer), refuses a taken id, a short password and a bad id', async () => {
    const admin = await b.as('admin');
    const added = await b.post(admin, '/staff', { id: 'li', name: ' 李四 ', role: 'officer', password: 'a-new-password-1' });
    expect(added.statusCode).toBe(201);
    expect(added.json<StaffView>()).toEqual({ id: 'li', name: '李四', role: 'officer', disabled: false, totp: false, lockedUntil: null, createdAt: b.clock() });
    expect(added.body).not.toContain('password');
    expect((await b.hub.store.staffLog.list(0, 100)).at(-1)).toMatchObject({ staffId: 'admin', action: 'staff.add', target: 'li', outcome: 'ok:officer' });
    expect((await b.post(admin, '/staff', { id: 'li', name: 'x', role: 'officer', password: 'a-new-password-1' })).json()).toMatchObject({ error: 'EXISTS' });
    expect((await b.post(admin, '/staff', { id: 'wu', name: 'x', role: 'officer', password: 'short' })).statusCode).toBe(400);
    expect((await b.post(admin, '/staff', { id: idNumber(3), name: 'x', role: 'officer', password: 'a-new-password-1' })).statusCode).toBe(400);
    expect((await b.post(admin, '/staff', { id: 'wu', name: '王\n五', role: 'officer', password: 'a-new-password-1' })).statusCode).toBe(400);
    expect((await b.post(admin, '/staff', { id: 'wu', name: 'x', role: 'root', password: 'a-new-password-1' })).statusCode).toBe(400);
    expect((await b.signIn('li', 'a-new-password-1')).statusCode).toBe(200);
    const list = await b.get(admin, '/staff');
    expect(list.json<{ staff: StaffView[] }>().staff.map((s) => s.id)).toEqual(['admin', 'auditor', 'li', 'officer']);
  });

  it('a password reset, a role change and disabling each sign the account out everywhere', async () => {
    const admin = await b.as('admin');
    let officer = await b.as('officer');
    expect((await b.post(admin, '/staff/officer/password', { password: 'reset-password-22' })).statusCode).toBe(200);
    expect((await b.get(officer, '/session')).statusCode).toBe(401);
    expect((await b.signIn('officer', PASSWORDS.officer)).statusCode).toBe(401);
    officer = browserOf(await b.signIn('officer', 'reset-password-22'));
    expect((await b.post(admin, '/staff/officer/role', { role: 'auditor' })).json()).toEqual({ ok: true });
    expect((await b.get(officer, '/session')).statusCode).toBe(401);
    expect((await b.hub.store.staffLog.list(0, 100)).at(-1)).toMatchObject({ action: 'staff.role', target: 'officer', outcome: 'ok:officer->auditor' });
    const again = browserOf(await b.signIn('officer', 'reset-password-22'));
    expect(again.view.staff.role).toBe('auditor');
    expect((await b.post(admin, '/staff/officer/disabled', { disabled: true })).statusCode).toBe(200);
    expect((await b.get(again, '/session')).statusCode).toBe(401);
    expect((await b.signIn('officer', 'reset-password-22')).statusCode).toBe(401);
    expect((await b.post(admin, '/staff/officer/disabled', { disabled: false })).statusCode).toBe(200);
    expect((await b.signIn('officer', 'reset-password-22')).statusCode).toBe(200);
    expect((await b.post(admin, '/staff/nobody/role', { role: 'admin' })).json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('never leaves the console without an active admin', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff/admin/role', { role: 'officer' })).json()).toMatchObject({ error: 'LAST_ADMIN' });
    expect((await b.post(admin, '/staff/admin/disabled', { disabled: true })).json()).toMatchObject({ error: 'LAST_ADMIN' });
    expect((await b.hub.store.staff.get('admin'))?.role).toBe('admin');
    expect((await b.hub.store.staffLog.list(0, 100)).at(-1)).toMatchObject({ action: 'staff.disable', outcome: 'refused:LAST_ADMIN' });
    expect((await b.get(admin, '/session')).statusCode).toBe(200);
  });

  it('sets the roles that need TOTP and resets an account’s authenticator', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff-totp-roles', { roles: ['officer', 'admin', 'officer'] })).statusCode).toBe(200);
    expect((await b.get(admin, '/staff')).json()).toMatchObject({ totpRoles: ['admin', 'officer'] });
    expect((await b.post(admin, '/staff-totp-roles', { roles: ['boss'] })).statusCode).toBe(400);
    await b.hub.store.staff.setTotpPending('officer', 'x');
    await b.hub.store.staff.confirmTotp('officer', 1);
    expect((await b.post(admin, '/staff/officer/totp-reset')).statusCode).toBe(200);
    expect((await b.hub.store.staff.get('officer'))?.totpSealed).toBeNull();
  });
});

describe('staff log texts and export', () => {
  it('withholds long digit runs and control characters, and bounds the length', () => {
    expect(logSafe(`card for ${idNumber(1)}`)).toBe('card for [number withheld]');
    expect(logSafe('a\nb')).toBe('a b');
    expect([...(logSafe('长'.repeat(300)) ?? '')]).toHaveLength(200);
    expect(logSafe('LC-A-000123')).toBe('LC-A-000123');
  });

  it('exports CSV with a BOM, quoted fields and formulas neutralised', () => {
    const csv = staffLogCsv([{ seq: 1, atMs: Date.UTC(2026, 5, 1), staffId: 'wang', address: '10.0.0.1', action: 'staff.add', target: '=HYPERLINK("x")', outcome: 'ok', prevHash: '0', hash: 'h' }]);
    expect(csv.startsWith('\uFEFFseq,at_utc,')).toBe(true);
    expect(csv).toContain(`"1","2026-06-01T00:00:00.000Z","wang","10.0.0.1","staff.add","'=HYPERLINK(""x"")","ok","0","h"\r\n`);
  });

  it('the auditor’s export is itself logged', async () => {
    const b = await consoleBench();
    try {
      const auditor = await b.as('auditor');
      const r = await b.get(auditor, '/staff-log.csv');
      expect(r.headers['content-type']).toContain('text/csv');
      expect(r.headers['content-disposition']).toContain('staff-log.csv');
      expect(r.body.split('\r\n').filter((l) => l !== '').length).toBe(1 + (await b.hub.store.staffLog.count()) - 1);
      expect((await b.hub.store.staffLog.list(0, 100)).at(-1)).toMatchObject({ staffId: 'auditor', action: 'staff-log.export', outcome: 'ok' });
    } finally {
      await b.cleanup();
    }
  });
});
