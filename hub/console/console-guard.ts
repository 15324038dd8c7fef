import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CONSOLE_CSRF_HEADER } from '../../shared/console/console-api.js';

/**
 * Security headers of everything under /console: nothing from elsewhere, never framed, no referrer, no sniffing, nothing cached.
 * Images may also be `data:` URLs: the enrolment QR comes as a PNG data URL in the API's answer.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** True for a path under /console (and /console itself). */
export const isConsolePath = (url: string): boolean => url === '/console' || url.startsWith('/console/') || url.startsWith('/console?');

/** Adds the security headers to every answer under /console, refusals and not-found included. */
export function installConsoleHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isConsolePath(request.url)) for (const [name, value] of Object.entries(CONSOLE_HEADERS)) reply.header(name, value);
    done(null, payload);
  });
}

/**
 * Whether a state-changing request comes from the console's own pages: a browser's
 * `Sec-Fetch-Site` must say same-origin, and an `Origin` must be this hub's own (scheme and
 * Host). A client that sends neither (a script, curl) still needs the session's CSRF token.
 */
export function sameOrigin(request: FastifyRequest, secure: boolean): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  return host !== undefined && origin === `${secure ? 'https' : 'http'}://${host}`;
}

/** Whether the request repeats the session's CSRF token in its header (constant-time compare). */
export function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const sent = request.headers[CONSOLE_CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
