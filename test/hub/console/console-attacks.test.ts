import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStaffLog } from '../../../hub/console/staff-log.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { CONSOLE_CSRF_HEADER } from '../../../shared/console/console-api.js';
import { idNumber } from '../hub-fixtures.js';
import { consoleBench, ORIGIN, PASSWORDS } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const NEW_STAFF = { id: 'li', name: '李四', role: 'officer', password: 'a-new-password-1' };

describe('console: what an attacker tries', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  const lastLog = async () => (await b.hub.store.staffLog.list(0, 1000)).at(-1);

  it('session fixation: a cookie planted before sign-in is ended, and the sign-in gets a new token', async () => {
    const planted = await b.as('officer');
    const r = await b.signIn('admin', PASSWORDS.admin, { cookie: planted.cookie });
    expect(r.statusCode).toBe(200);
    const fresh = String(r.headers['set-cookie']).split(';')[0];
    expect(fresh).not.toBe(planted.cookie);
    expect((await b.get(planted, '/session')).statusCode).toBe(401);
  });

  it('CSRF: a change without the token, with another Origin, or from a cross-site fetch is refused and logged', async () => {
    const admin = await b.as('admin');
    const before = await b.hub.store.staffLog.count();
    const noToken = await b.app.inject({ method: 'POST', url: '/console/api/staff', headers: { cookie: admin.cookie, origin: ORIGIN }, payload: NEW_STAFF });
    expect(noToken.json()).toMatchObject({ error: 'CSRF' });
    expect((await b.post(admin, '/staff', NEW_STAFF, { [CONSOLE_CSRF_HEADER]: 'x'.repeat(43) })).json()).toMatchObject({ error: 'CSRF' });
    expect((await b.post(admin, '/staff', NEW_STAFF, { origin: 'https://evil.example' })).json()).toMatchObject({ error: 'CSRF' });
    expect((await b.post(admin, '/staff', NEW_STAFF, { 'sec-fetch-site': 'cross-site' })).json()).toMatchObject({ error: 'CSRF' });
    expect((await b.post(admin, '/staff', NEW_STAFF, { 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    // A login CSRF (signing the victim in as the attacker) is refused too.
    const login = await b.app.inject({ method: 'POST', url: '/console/api/sign-in', headers: { origin: 'https://evil.example' }, payload: { id: 'admin', password: PASSWORDS.admin } });
    expect(login.statusCode).toBe(403);
    expect(await b.hub.store.staff.get('li')).toBeUndefined();
    const logged = (await b.hub.store.staffLog.list(before, 100)).map((e) => [e.action, e.outcome]);
    expect(logged).toEqual([
      ['staff.add', 'refused:CSRF'],
      ['staff.add', 'refused:CSRF'],
      ['staff.add', 'refused:CSRF'],
      ['staff.add', 'refused:CSRF'],
      ['staff.add', 'refused:CSRF'],
      ['sign-in', 'refused:CSRF'],
    ]);
    // The same request from the console's own page goes through.
    expect((await b.post(admin, '/staff', NEW_STAFF)).statusCode).toBe(201);
  });

  it('an auditor is refused every change, each refusal logged; it may read and sign itself out', async () => {
    const auditor = await b.as('auditor');
    for (const [path, body] of [
      ['/staff', NEW_STAFF],
      ['/staff/officer/password', { password: 'another-password-1' }],
      ['/staff/officer/role', { role: 'admin' }],
      ['/staff/admin/disabled', { disabled: true }],
      ['/staff/officer/totp-reset', undefined],
      ['/staff-totp-roles', { roles: [] }],
    ] as const) {
      const r = await b.post(auditor, path, body);
      expect(r.statusCode, path).toBe(403);
      expect(await lastLog()).toMatchObject({ staffId: 'auditor', outcome: 'refused:FORBIDDEN' });
    }
    expect((await b.get(auditor, '/staff')).statusCode).toBe(403);
    expect((await b.get(auditor, '/staff-log')).statusCode).toBe(200);
    expect((await b.get(auditor, '/staff-log.csv')).statusCode).toBe(200);
    expect((await b.post(auditor, '/sign-out')).statusCode).toBe(200);
  });

  it('an officer may not manage staff or read the staff log', async () => {
    const officer = await b.as('officer');
    expect((await b.post(officer, '/staff/officer/role', { role: 'admin' })).statusCode).toBe(403);
    expect((await b.get(officer, '/staff-log')).statusCode).toBe(403);
    expect((await b.hub.store.staff.get('officer'))?.role).toBe('officer');
  });

  it('enumeration: an unknown id and a wrong password answer alike, at the same cost, and both lock', async () => {
    const unknown = await b.signIn('nobody', 'wrong-password-1');
    const wrong = await b.signIn('officer', 'wrong-password-1');
    const disabledAnswer = async () => {
      await b.hub.store.staff.setDisabled('auditor', b.clock());
      return b.signIn('auditor', PASSWORDS.auditor);
    };
    const disabled = await disabledAnswer();
    for (const r of [unknown, wrong, disabled]) {
      expect(r.statusCode).toBe(401);
      expect({ ...r.json<object>(), hubTime: 0 }).toEqual({ ...unknown.json<object>(), hubTime: 0 });
    }
    const time = async (id: string) => {
      const t0 = performance.now();
      await b.signIn(id, 'wrong-password-2');
      return performance.now() - t0;
    };
    const known = Math.min(await time('admin'), await time('admin'), await time('admin'));
    const stranger = Math.min(await time('ghost'), await time('ghost'), await time('ghost'));
    console.log(`sign-in refusal: known id ${known.toFixed(0)} ms, unknown id ${stranger.toFixed(0)} ms`);
    expect(stranger).toBeGreaterThan(known * 0.5);
    for (let i = 0; i < 2; i++) await b.signIn('ghost', 'x');
    expect((await b.signIn('ghost', 'x')).json()).toMatchObject({ error: 'LOCKED_OUT' });
  });

  it('the staff log chain shows an edit made behind the hub’s back', async () => {
    await b.as('admin');
    await b.signIn('officer', 'wrong-password-1');
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: true });
    const db = new Database(join(b.dataDir, HUB_DB_FILE));
    expect(() => db.prepare("UPDATE staff_log SET outcome = 'ok' WHERE outcome LIKE 'refused%'").run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER staff_log_no_update');
    db.prepare("UPDATE staff_log SET outcome = 'ok' WHERE outcome LIKE 'refused%'").run();
    db.close();
    const check = await verifyStaffLog(b.hub);
    expect(check).toMatchObject({ ok: false, problem: 'HASH' });
    const auditor = await b.as('auditor');
    expect((await b.get(auditor, '/staff-log')).json()).toMatchObject({ chainOk: false });
  });

  it('a password is never written anywhere: not in the staff log, not in the database files', async () => {
    const secret = 'Very-Secret-Password-42';
    const admin = await b.as('admin');
    await b.signIn('admin', secret);
    await b.post(admin, '/staff', { ...NEW_STAFF, password: secret });
    await b.post(admin, '/staff/officer/password', { password: secret });
    await b.post(admin, '/staff', { ...NEW_STAFF, id: 'zz', password: `${secret}${'x'.repeat(200)}` });
    const log = JSON.stringify(await b.hub.store.staffLog.list(0, 1000));
    expect(log).not.toContain(secret);
    for (const file of readdirSync(b.dataDir)) {
      expect(readFileSync(join(b.dataDir, file)).includes(Buffer.from(secret)), file).toBe(false);
    }
  });

  it('an ID number typed as a staff id is neither stored nor logged', async () => {
    const id = idNumber(7);
    const r = await b.signIn(id, 'whatever-password');
    expect(r.statusCode).toBe(401);
    expect(await lastLog()).toMatchObject({ action: 'sign-in', target: null, outcome: 'refused:SIGN_IN_FAILED' });
    for (const file of readdirSync(b.dataDir)) expect(readFileSync(join(b.dataDir, file)).includes(Buffer.from(id)), file).toBe(false);
  });

  it('a flood of refused requests with no session cannot fill the staff log: 60 entries a minute per address', async () => {
    const before = await b.hub.store.staffLog.count();
    const posts = await Promise.all(
      Array.from({ length: 150 }, () => b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: '10.6.6.6', headers: { origin: ORIGIN }, payload: NEW_STAFF })),
    );
    expect(posts.every((r) => r.statusCode === 401)).toBe(true);
    const signIns = await Promise.all(
      Array.from({ length: 150 }, () => b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: '10.6.6.6', headers: { origin: 'https://evil.example' }, payload: {} })),
    );
    expect(signIns.every((r) => r.statusCode === 403)).toBe(true);
    expect((await b.hub.store.staffLog.count()) - before).toBe(60);
    // Another address is still written down.
    await b.app.inject({ method: 'POST', url: '/console/api/staff', remoteAddress: '10.6.6.7', payload: NEW_STAFF });
    expect(await lastLog()).toMatchObject({ address: '10.6.6.7', outcome: 'refused:NOT_SIGNED_IN' });
  });

  it('the console cookie authenticates nothing under /v1/, and /console asks for no terminal token', async () => {
    const admin = await b.as('admin');
    const v1 = await b.app.inject({ method: 'GET', url: '/v1/bundles', headers: { cookie: admin.cookie } });
    expect(v1.statusCode).toBe(401);
    expect((await b.get(admin, '/session')).statusCode).toBe(200);
  });
});

