import type { FastifyInstance } from 'fastify';
import { CONSOLE_API, signInRequestSchema, STAFF_ROLES, totpConfirmRequestSchema, type SessionView } from '../../shared/console/console-api.js';
import { sendError, zodMessage } from '../server/http-errors.js';
import type { StoredStaff, StoredStaffSession } from '../store/hub-store.js';
import { ConsoleRefusal, consoleRoute, logAnonymousRefusal, type ConsoleContext } from './console-route.js';
import { addressKey } from './console-address.js';
import { clearedCookie, cookieToken, openSession, sessionCookie, sessionTokenHash } from './console-sessions.js';
import { sameOrigin } from './console-guard.js';
import { logStaffAction } from './staff-log.js';
import { checkSignIn, typedStaffId } from './staff-sign-in.js';
import { base32, matchTotp, newTotpSecret, otpauthUri } from './totp.js';
import { openTotp, sealTotp } from './totp-seal.js';

/** Who is signed in, as the console's pages see it (never a hash, never a secret). */
export const sessionView = (staff: StoredStaff, session: StoredStaffSession): SessionView => ({
  staff: { id: staff.id, name: staff.name, role: staff.role, totp: staff.totpSealed !== null },
  csrfToken: session.csrfToken,
  totpSetupRequired: session.restricted,
  expiresAt: session.expiresMs,
});

const SIGN_IN_STATUS = { SIGN_IN_FAILED: 401, TOTP_REQUIRED: 401, LOCKED_OUT: 423 } as const;
const SIGN_IN_WORDS = {
  SIGN_IN_FAILED: 'wrong staff id or password',
  TOTP_REQUIRED: 'enter the 6-digit code from the authenticator app',
  LOCKED_OUT: 'too many failed sign-ins: this id is locked for a while',
} as const;

/** Sign-in, sign-out, who am I, and TOTP enrolment. */
export function registerSessionRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;

  app.post(`${CONSOLE_API}/sign-in`, async (request, reply) => {
    const address = request.ip;
    const log = (staffId: string | null, target: string | null, outcome: string) =>
      staffId === null
        ? logAnonymousRefusal(ctx, { atMs: hub.now(), address, action: 'sign-in', target, outcome })
        : logStaffAction(hub.store, { atMs: hub.now(), staffId, address, action: 'sign-in', target, outcome });
    if (!sameOrigin(request, ctx.secure)) {
      await log(null, null, 'refused:CSRF');
      return sendError(reply, hub, 403, 'CSRF', 'this request did not come from the console’s own pages');
    }
    const take = ctx.signInLimit.take(addressKey(address), hub.now());
    if (!take.ok) {
      await log(null, null, 'refused:RATE_LIMITED');
      reply.header('retry-after', String(take.retryAfterSec));
      return sendError(reply, hub, 429, 'RATE_LIMITED', 'too many sign-in attempts from this address: wait a minute');
    }
    const parsed = signInRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      await log(null, null, 'refused:BAD_REQUEST');
      return sendError(reply, hub, 400, 'BAD_REQUEST', zodMessage(parsed.error));
    }
    // Session fixation: a session the caller comes with ends here; signing in always makes a new token.
    const presented = cookieToken(request.headers.cookie);
    if (presented !== undefined) await hub.store.staffSessions.end(sessionTokenHash(presented));
    const target = typedStaffId(parsed.data.id) ?? null;
    const result = await checkSignIn(hub, parsed.data);
    if (!result.ok) {
      await log(null, target, `refused:${result.error.code}`);
      if (result.error.code === 'LOCKED_OUT') reply.header('retry-after', String(Math.max(1, Math.ceil((result.error.retryAtMs - hub.now()) / 1000))));
      return sendError(reply, hub, SIGN_IN_STATUS[result.error.code], result.error.code, SIGN_IN_WORDS[result.error.code]);
    }
    const { staff, restricted } = result.value;
    // Sessions whose browsers never came back are deleted here (a live one ends when it is next used).
    await hub.store.staffSessions.prune(hub.now());
    const { token, session } = await openSession(hub, staff.id, address, restricted, ctx.sessions);
    await log(staff.id, staff.id, restricted ? 'ok:totp-setup-required' : 'ok');
    reply.header('set-cookie', sessionCookie(token, ctx.sessions.absoluteMs, ctx.secure));
    return reply.send(sessionView(staff, session));
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: '/session',
    action: 'session',
    roles: STAFF_ROLES,
    whileRestricted: true,
    handle: ({ staff, session }) => Promise.resolve({ body: sessionView(staff, session) }),
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/sign-out',
    action: 'sign-out',
    roles: STAFF_ROLES,
    whileRestricted: true,
    ownAccount: true,
    handle: async ({ tx, session, staff, reply }) => {
      await tx.staffSessions.end(session.tokenHash);
      reply.header('set-cookie', clearedCookie(ctx.secure));
      return { body: { ok: true }, target: staff.id };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/totp/enrol',
    action: 'totp.enrol',
    roles: STAFF_ROLES,
    whileRestricted: true,
    ownAccount: true,
    handle: async ({ tx, staff }) => {
      // A stolen session must not swap the second factor: an account with one asks the admin to reset it.
      if (staff.totpSealed !== null) throw new ConsoleRefusal(409, 'EXISTS', 'this account has an authenticator already: an admin can reset it');
      const secret = newTotpSecret();
      await tx.staff.setTotpPending(staff.id, sealTotp(hub, staff.id, secret));
      return { body: { secret: base32(secret), otpauthUri: otpauthUri(hub.settings.bureauName, staff.id, secret) }, target: staff.id };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/totp/confirm',
    action: 'totp.confirm',
    roles: STAFF_ROLES,
    whileRestricted: true,
    ownAccount: true,
    body: totpConfirmRequestSchema,
    handle: async ({ tx, staff, session, body }) => {
      const current = await tx.staff.get(staff.id);
      const secret = current?.totpPendingSealed == null ? undefined : openTotp(hub, staff.id, current.totpPendingSealed);
      if (secret === undefined) throw new ConsoleRefusal(409, 'NOT_FOUND', 'start the authenticator set-up first');
      const step = matchTotp(secret, body.code, hub.now());
      if (step === undefined) throw new ConsoleRefusal(400, 'BAD_REQUEST', 'that code is not the one the authenticator shows now');
      await tx.staff.confirmTotp(staff.id, step);
      await tx.staffSessions.unrestrict(session.tokenHash);
      const after = (await tx.staff.get(staff.id)) ?? staff;
      return { body: sessionView(after, { ...session, restricted: false }), target: staff.id };
    },
  });
}
