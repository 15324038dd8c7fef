import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerConsole } from '../../../hub/console/console-app.js';
import { hotp, totpStep } from '../../../hub/console/totp.js';
import { installErrorHandlers } from '../../../hub/server/http-errors.js';
import type { SessionView, TotpEnrolResponse } from '../../../shared/console/console-api.js';
import { consoleBench, ORIGIN, PASSWORDS } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/** Decodes an RFC 4648 base32 secret (what the enrolment answers) for the test's own authenticator. */
function fromBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

describe('console sign-in, sessions and TOTP', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  it('signs in with a fresh session cookie (HttpOnly, SameSite=Strict, Path=/console, no Secure over plain HTTP) and the security headers', async () => {
    const r = await b.signIn('Admin ', PASSWORDS.admin);
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^jinka_console=[A-Za-z0-9_-]{43}; Path=\/console; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    expect(r.json<SessionView>()).toMatchObject({ staff: { id: 'admin', role: 'admin', totp: false }, totpSetupRequired: false });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    // Even a 404 under /console carries them.
    expect((await b.app.inject({ method: 'GET', url: '/console/nothing' })).headers['x-frame-options']).toBe('DENY');
  });

  it('marks the cookie Secure when the hub serves TLS', async () => {
    const app = Fastify();
    installErrorHandlers(app, b.hub);
    registerConsole(app, b.hub, { secure: true });
    const r = await app.inject({ method: 'POST', url: '/console/api/sign-in', headers: { origin: 'https://localhost:80' }, payload: { id: 'admin', password: PASSWORDS.admin } });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    // Over TLS the page's Origin is https: an http one is another site.
    const plain = await app.inject({ method: 'POST', url: '/console/api/sign-in', headers: { origin: ORIGIN }, payload: { id: 'admin', password: PASSWORDS.admin } });
    expect(plain.statusCode).toBe(403);
    await app.close();
  });

  it('answers who is signed in and the CSRF token; nothing without a session', async () => {
    const admin = await b.as('admin');
    const me = await b.get(admin, '/session');
    expect(me.statusCode).toBe(200);
    expect(me.json<SessionView>().csrfToken).toBe(admin.csrf);
    expect((await b.get(undefined, '/session')).json()).toMatchObject({ error: 'NOT_SIGNED_IN' });
    expect((await b.get({ ...admin, cookie: 'jinka_console=forged' }, '/session')).statusCode).toBe(401);
  });

  it('ends a session after 30 minutes idle, and after 12 hours however busy', async () => {
    const admin = await b.as('admin');
    b.clock.advance(29 * 60_000);
    expect((await b.get(admin, '/session')).statusCode).toBe(200);
    b.clock.advance(30 * 60_000 + 1);
    expect((await b.get(admin, '/session')).statusCode).toBe(401);

    const busy = await b.as('admin');
    for (let h = 0; h < 12 * 3; h++) {
      b.clock.advance(20 * 60_000);
      const r = await b.get(busy, '/session');
      expect(r.statusCode).toBe(h < 35 ? 200 : 401);
    }
  });

  it('deletes sessions whose browsers never came back at the next sign-in', async () => {
    await b.as('officer');
    await b.as('auditor');
    b.clock.advance(31 * 60_000);
    await b.as('admin');
    // Only the admin's new session is left in the database.
    expect(await b.hub.store.staffSessions.prune(b.clock())).toBe(0);
    expect(await b.hub.store.staffSessions.endAllOf('officer')).toBe(0);
    expect(await b.hub.store.staffSessions.endAllOf('admin')).toBe(1);
  });

  it('a stolen cookie is worth nothing after sign-out', async () => {
    const admin = await b.as('admin');
    const out = await b.post(admin, '/sign-out');
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await b.get(admin, '/session')).statusCode).toBe(401);
    expect((await b.post(admin, '/staff-totp-roles', { roles: [] })).statusCode).toBe(401);
  });

  it('locks an id after five failures, even against the right password, for 15 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await b.signIn('officer', 'wrong-password-x')).json()).toMatchObject({ error: i < 4 ? 'SIGN_IN_FAILED' : 'LOCKED_OUT' });
    const locked = await b.signIn('officer', PASSWORDS.officer);
    expect(locked.statusCode).toBe(423);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    b.clock.advance(15 * 60_000);
    expect((await b.signIn('officer', PASSWORDS.officer)).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address (20 a minute), whatever the ids', async () => {
    for (let i = 0; i < 20; i++) {
      const r = await b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: '10.9.9.9', payload: { id: `nobody${i}`, password: 'x' } });
      expect(r.statusCode).toBe(401);
    }
    const limited = await b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: '10.9.9.9', payload: { id: 'admin', password: PASSWORDS.admin } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await b.app.inject({ method: 'POST', url: '/console/api/sign-in', remoteAddress: '10.9.9.8', payload: { id: 'admin', password: PASSWORDS.admin } })).statusCode).toBe(200);
  });

  it('an admin requires TOTP of a role: enrol, confirm, then each code signs in once', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff-totp-roles', { roles: ['auditor'] })).statusCode).toBe(200);

    const first = await b.as('auditor');
    expect(first.view.totpSetupRequired).toBe(true);
    // Until enrolled, nothing but the enrolment is open.
    expect((await b.get(first, '/staff-log')).json()).toMatchObject({ error: 'TOTP_SETUP_REQUIRED' });
    const enrol = await b.post(first, '/totp/enrol');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json<TotpEnrolResponse>();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const key = fromBase32(secret);
    expect((await b.post(first, '/totp/confirm', { code: hotp(key, totpStep(b.clock()) + 5) })).statusCode).toBe(400);
    const confirmed = await b.post(first, '/totp/confirm', { code: hotp(key, totpStep(b.clock())) });
    expect(confirmed.json<SessionView>()).toMatchObject({ totpSetupRequired: false, staff: { totp: true } });
    expect((await b.get(first, '/staff-log')).statusCode).toBe(200);
    // A second enrolment would let a stolen session swap the factor.
    expect((await b.post(first, '/totp/enrol')).json()).toMatchObject({ error: 'EXISTS' });

    expect((await b.signIn('auditor', PASSWORDS.auditor)).json()).toMatchObject({ error: 'TOTP_REQUIRED' });
    // The code used to confirm is used: it does not sign in again.
    expect((await b.signIn('auditor', PASSWORDS.auditor, { totp: hotp(key, totpStep(b.clock())) })).json()).toMatchObject({ error: 'SIGN_IN_FAILED' });
    b.clock.advance(30_000);
    const code = hotp(key, totpStep(b.clock()));
    expect((await b.signIn('auditor', PASSWORDS.auditor, { totp: code })).statusCode).toBe(200);
    expect((await b.signIn('auditor', PASSWORDS.auditor, { totp: code })).json()).toMatchObject({ error: 'SIGN_IN_FAILED' });
    // A wrong password with a right code is just a failure.
    b.clock.advance(30_000);
    expect((await b.signIn('auditor', 'not-the-password', { totp: hotp(key, totpStep(b.clock())) })).json()).toMatchObject({ error: 'SIGN_IN_FAILED' });
    // The secret is stored encrypted, never as the base32 the app got.
    const stored = await b.hub.store.staff.get('auditor');
    expect(stored?.totpSealed).toMatch(/^v1\./);
    expect(stored?.totpSealed).not.toContain(secret);
    expect(stored?.totpSealed).not.toContain(key.toString('base64url'));
  });
});
