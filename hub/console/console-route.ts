import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CONSOLE_API, type ConsoleErrorCode, type StaffRole } from '../../shared/console/console-api.js';
import type { Hub } from '../hub.js';
import { sendError, zodMessage } from '../server/http-errors.js';
import type { EnrolLimit } from '../server/enrol-limit.js';
import type { HubRepos, NewStaffLogEntry, StoredStaff, StoredStaffSession } from '../store/hub-store.js';
import { addressKey } from './console-address.js';
import { cookieToken, liveSession, type SessionLimits } from './console-sessions.js';
import { csrfMatches, sameOrigin } from './console-guard.js';
import { logStaffAction } from './staff-log.js';

/** What every console route shares: the hub, whether it serves TLS, session limits, the sign-in limit per address. */
export interface ConsoleContext {
  hub: Hub;
  secure: boolean;
  /** The hub's public URL (`--public-url`), named by enrolment QRs; undefined when not configured. */
  publicUrl: string | undefined;
  sessions: SessionLimits;
  signInLimit: EnrolLimit;
  /** Entries a caller nobody signed in as may cause in the staff log per address (a flood of refused requests must not fill the disk). */
  anonymousLog: EnrolLimit;
  /** The same, for all such callers together (a flood from many addresses). */
  anonymousLogOverall: EnrolLimit;
}

/**
 * Logs a refusal of a caller with no session, within its address's allowance (an IPv6 address
 * counted by its /64) and the overall one; beyond either the request is still refused, only not
 * written down again in that window.
 */
export async function logAnonymousRefusal(ctx: ConsoleContext, entry: Omit<NewStaffLogEntry, 'staffId'>): Promise<void> {
  const now = ctx.hub.now();
  if (ctx.anonymousLog.take(addressKey(entry.address), now).ok && ctx.anonymousLogOverall.take('*', now).ok) {
    await logStaffAction(ctx.hub.store, { ...entry, staffId: null });
  }
}

/** A refusal a handler answers: logged as `refused:CODE` with its target. */
export class ConsoleRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ConsoleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a handler gets: the signed-in staff member and session, the parsed input, and the unit of work its changes go through. */
export interface ConsoleCall<B, Q, P, Prep> {
  ctx: ConsoleContext;
  request: FastifyRequest;
  reply: FastifyReply;
  staff: StoredStaff;
  session: StoredStaffSession;
  body: B;
  query: Q;
  params: P;
  /** What `prepare` made outside the unit (a password hash: slow work is kept out of the unit). */
  prepared: Prep;
  /** The unit of work (state-changing routes) or the store (reads). */
  tx: HubRepos;
}

/** A handler's answer: the JSON body (or a text with its type) and what the staff log names as the target. */
export interface ConsoleAnswer {
  body: unknown;
  status?: number;
  contentType?: string;
  target?: string | null;
  /** The outcome logged (default `ok`). */
  outcome?: string;
}

/** One console API route. */
export interface ConsoleRouteSpec<B, Q, P, Prep> {
  method: 'GET' | 'POST';
  /** Under /console/api (e.g. `/staff/:id/role`). */
  path: string;
  /** The staff-log action code (`staff.add`). */
  action: string;
  /** Roles that may call it. An auditor never gets past a state-changing route, whatever this says. */
  roles: readonly StaffRole[];
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Open to a session that must still enrol TOTP (only the enrolment routes). */
  whileRestricted?: boolean;
  /** A change to the caller's own session or second factor (sign-out, TOTP enrolment): open to every role, auditors included. */
  ownAccount?: boolean;
  /** A read worth recording (an export); every state change is recorded anyway. */
  logRead?: boolean;
  /** A POST that only reads, its input kept out of the URL (an ID number): open to auditors; same origin and CSRF still checked. */
  readOnly?: boolean;
  /** The largest request body in bytes (Fastify's default otherwise). */
  bodyLimit?: number;
  /**
   * The handler's change runs its own units through the hub (issue, revoke, re-issue in
   * hub/issue/), or its read is long (a card sheet): it gets the store, not a unit, and its
   * log entry is written once it has answered.
   */
  selfContained?: boolean;
  /** The target the log names when the request is refused before the handler (from the params). */
  targetOf?: (params: P) => string | null;
  prepare?: (body: B) => Promise<Prep>;
  handle(call: ConsoleCall<B, Q, P, Prep>): Promise<ConsoleAnswer>;
}

const changes = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

/** What a console route says of itself in its Fastify route config, so the registered routes can be enumerated (an onRoute hook) and each checked. */
export interface ConsoleRouteMark {
  action: string;
  roles: readonly StaffRole[];
  /** A POST an auditor may make: its own sign-out or second factor (`ownAccount`), or a read kept out of the URL (`readOnly`). */
  auditorMay: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on every route `consoleRoute` registers. */
    consoleRoute?: ConsoleRouteMark;
  }
}

/**
 * Registers one console API route, the one home of its checks, in this order: a live session
 * from the cookie (401), the TOTP-enrolment restriction (403), the role — an auditor only ever
 * reads, bar its own sign-out and second factor (403), for a change: same origin (Sec-Fetch-Site, Origin) and the session's CSRF token
 * (403), then the input's zod schemas (400). A change runs in one unit of work with its
 * staff-log entry, the session, account and role read again inside it; every refusal of a signed-in caller, and every refused change, is logged
 * with who, when, from where, the action, the target and `refused:CODE`.
 */
export function consoleRoute<B = undefined, Q = undefined, P = undefined, Prep = undefined>(
  app: FastifyInstance,
  ctx: ConsoleContext,
  spec: ConsoleRouteSpec<B, Q, P, Prep>,
): void {
  const { hub } = ctx;
  const url = `${CONSOLE_API}${spec.path}`;
  const isChange = changes(spec.method);
  app.route({
    method: spec.method,
    url,
    ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
    config: { consoleRoute: { action: spec.action, roles: spec.roles, auditorMay: spec.roles.includes('auditor') && (spec.ownAccount === true || spec.readOnly === true) } },
    handler: async (request, reply) => {
      const address = request.ip;
      const paramsParsed = spec.params?.safeParse(request.params);
      const target = paramsParsed?.success === true && spec.targetOf !== undefined ? spec.targetOf(paramsParsed.data) : null;
      const refuse = async (staffId: string | null, status: number, code: ConsoleErrorCode, message: string): Promise<FastifyReply> => {
        const entry = { atMs: hub.now(), address, action: spec.action, target, outcome: `refused:${code}` };
        if (staffId !== null) await logStaffAction(hub.store, { ...entry, staffId });
        else if (isChange) await logAnonymousRefusal(ctx, entry);
        return sendError(reply, hub, status, code, message);
      };
      // A change from another site is refused before its cookie is even looked at.
      if (isChange && !sameOrigin(request, ctx.secure)) return refuse(null, 403, 'CSRF', 'this request did not come from the console’s own pages');
      const session = await liveSession(hub, cookieToken(request.headers.cookie));
      if (session === undefined) return refuse(null, 401, 'NOT_SIGNED_IN', 'sign in to the console first');
      const staff = await hub.store.staff.get(session.staffId);
      if (staff === undefined || staff.disabledMs !== null) {
        await hub.store.staffSessions.end(session.tokenHash);
        return refuse(null, 401, 'NOT_SIGNED_IN', 'sign in to the console first');
      }
      if (isChange && !csrfMatches(request, session.csrfToken)) return refuse(staff.id, 403, 'CSRF', 'the request lacks this session’s CSRF token');
      if (session.restricted && spec.whileRestricted !== true) return refuse(staff.id, 403, 'TOTP_SETUP_REQUIRED', 'set up the authenticator app first');
      const mayCall = (role: StaffRole): boolean => spec.roles.includes(role) && !(isChange && role === 'auditor' && spec.ownAccount !== true && spec.readOnly !== true);
      if (!mayCall(staff.role)) return refuse(staff.id, 403, 'FORBIDDEN', `the ${staff.role} role may not do this`);
      if (paramsParsed !== undefined && !paramsParsed.success) return refuse(staff.id, 400, 'BAD_REQUEST', zodMessage(paramsParsed.error));
      const bodyParsed = spec.body?.safeParse(request.body);
      if (bodyParsed !== undefined && !bodyParsed.success) return refuse(staff.id, 400, 'BAD_REQUEST', zodMessage(bodyParsed.error));
      const queryParsed = spec.query?.safeParse(request.query);
      if (queryParsed !== undefined && !queryParsed.success) return refuse(staff.id, 400, 'BAD_REQUEST', zodMessage(queryParsed.error));
      const body = bodyParsed?.data as B;
      const prepared = (spec.prepare === undefined ? undefined : await spec.prepare(body)) as Prep;
      const call = { ctx, request, reply, staff, session, body, query: queryParsed?.data as Q, params: paramsParsed?.data as P, prepared };
      let answer: ConsoleAnswer;
      try {
        const logged = isChange || spec.logRead === true;
        // The checks above ran before any slow `prepare`: a change re-reads the session and the
        // account where it commits, so one disabled, demoted or signed out meanwhile changes nothing.
        const recheck = async (repos: HubRepos): Promise<void> => {
          const still = await repos.staffSessions.touch(session.tokenHash, hub.now(), Number.MAX_SAFE_INTEGER);
          const now = await repos.staff.get(staff.id);
          if (still === undefined || now === undefined || now.disabledMs !== null) throw new ConsoleRefusal(401, 'NOT_SIGNED_IN', 'sign in to the console first');
          if (!mayCall(now.role)) throw new ConsoleRefusal(403, 'FORBIDDEN', `the ${now.role} role may not do this`);
        };
        const log = (repos: HubRepos, a: ConsoleAnswer) =>
          logStaffAction(repos, { atMs: hub.now(), staffId: staff.id, address, action: spec.action, target: a.target ?? target, outcome: a.outcome ?? 'ok' });
        if (spec.selfContained === true) {
          // Its own units are the handler's: the re-check is as close to them as this can get.
          if (logged) await recheck(hub.store);
          answer = await spec.handle({ ...call, tx: hub.store });
          if (logged) await log(hub.store, answer);
        } else if (logged) {
          answer = await hub.store.transaction(async (tx) => {
            await recheck(tx);
            const a = await spec.handle({ ...call, tx });
            await log(tx, a);
            return a;
          });
        } else answer = await spec.handle({ ...call, tx: hub.store });
      } catch (error) {
        if (error instanceof ConsoleRefusal) return refuse(staff.id, error.status, error.code, error.message);
        throw error;
      }
      if (answer.contentType !== undefined) reply.type(answer.contentType);
      return reply.code(answer.status ?? 200).send(answer.body);
    },
  });
}
