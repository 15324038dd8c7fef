import type { FastifyInstance } from 'fastify';
import type { Hub } from '../hub.js';
import { EnrolLimit, type EnrolLimitOptions } from '../server/enrol-limit.js';
import type { ConsoleContext } from './console-route.js';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './console-sessions.js';
import { installConsoleHeaders } from './console-guard.js';
import { registerConsolePages } from './console-static.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerStaffLogRoutes } from './staff-log-routes.js';
import { registerStaffRoutes } from './staff-routes.js';
import { registerOverviewRoutes } from './overview-routes.js';
import { registerTerminalRoutes } from './terminal-routes.js';
import { registerUsageRoutes } from './usage-routes.js';
import { registerFlagRoutes } from './flag-routes.js';
import { registerRulesRoutes } from './rules-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerIssuerRoutes } from './issuer-routes.js';
import { registerCardRoutes } from './card-routes.js';
import { registerRosterRoutes } from './roster-routes.js';
import { DEFAULT_CJK_FONT, type SheetFont } from '../issue/card-sheet-pdf.js';

/** How the console serves. */
export interface ConsoleOptions {
  /** The hub serves HTTPS: the cookie is `Secure` and the expected Origin is https. */
  secure: boolean;
  /**
   * The hub's public URL as terminals reach it (`jinka-hub serve --public-url`, an origin): what an
   * enrolment QR names. Without it the console refuses to make enrolment QRs (PUBLIC_URL_UNSET):
   * the request's Host header is the caller's to choose.
   */
  publicUrl?: string;
  sessions?: SessionLimits;
  /** Sign-in attempts per address (default `DEFAULT_SIGN_IN_LIMIT`). */
  signInLimit?: EnrolLimitOptions;
  /** Staff-log entries per address for callers with no session (default `DEFAULT_ANONYMOUS_LOG_LIMIT`). */
  anonymousLog?: EnrolLimitOptions;
  /** Staff-log entries a minute for all callers with no session together (default `DEFAULT_ANONYMOUS_LOG_OVERALL`). */
  anonymousLogOverall?: number;
  /** The CJK font of card sheets (default: Debian's fonts-noto-cjk, as `jinka-hub issue`). */
  sheetFont?: SheetFont;
}

/**
 * Twenty sign-in attempts a minute per address, counted in this process (the per-id lockout is
 * in the database and holds across processes): enough for an office behind one address, too
 * few to spray passwords across many ids.
 */
export const DEFAULT_SIGN_IN_LIMIT: EnrolLimitOptions = { perWindow: 20, windowMs: 60_000, addresses: 10_000 };

/**
 * Sixty entries a minute per address for refused callers with no session (sign-in failures
 * included: twenty attempts a minute are allowed, so every one of those is written; a flood
 * beyond is refused unwritten after sixty): at most 86,400 entries a day per address.
 */
export const DEFAULT_ANONYMOUS_LOG_LIMIT: EnrolLimitOptions = { perWindow: 60, windowMs: 60_000, addresses: 10_000 };

/**
 * Three hundred such entries a minute from all addresses together (a botnet's flood): at most
 * 432,000 a day, about 90 MB, whatever the number of addresses. A signed-in caller's refusals are
 * not counted here and always written.
 */
export const DEFAULT_ANONYMOUS_LOG_OVERALL = 300;

/**
 * The bureau console's JSON API under /console/api/, apart from the terminals' /v1/: terminal
 * request tokens are never asked for or accepted here, and the session cookie (Path=/console)
 * authenticates nothing under /v1/. Security headers on everything under /console.
 */
export function registerConsole(app: FastifyInstance, hub: Hub, options: ConsoleOptions): void {
  const ctx: ConsoleContext = {
    hub,
    secure: options.secure,
    publicUrl: options.publicUrl,
    sessions: options.sessions ?? DEFAULT_SESSION_LIMITS,
    signInLimit: new EnrolLimit(options.signInLimit ?? DEFAULT_SIGN_IN_LIMIT),
    anonymousLog: new EnrolLimit(options.anonymousLog ?? DEFAULT_ANONYMOUS_LOG_LIMIT),
    anonymousLogOverall: new EnrolLimit({ perWindow: options.anonymousLogOverall ?? DEFAULT_ANONYMOUS_LOG_OVERALL, windowMs: 60_000, addresses: 1 }),
  };
  installConsoleHeaders(app);
  registerSessionRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerStaffLogRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  registerTerminalRoutes(app, ctx);
  registerUsageRoutes(app, ctx);
  registerFlagRoutes(app, ctx);
  registerRulesRoutes(app, ctx);
  registerKeyRoutes(app, ctx);
  registerIssuerRoutes(app, ctx);
  const font = options.sheetFont ?? { path: DEFAULT_CJK_FONT };
  registerCardRoutes(app, ctx, font);
  registerRosterRoutes(app, ctx, font);
  registerConsolePages(app, hub);
}
