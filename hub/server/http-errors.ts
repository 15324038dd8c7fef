import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Hub } from '../hub.js';
import { HubStoreUnavailableError } from '../store/store-unavailable.js';
import type { EnrolError } from '../terminals/enrolment.js';
import type { AuthError } from '../terminals/terminal-auth.js';
import type { BatchError } from '../usage/upload-batch.js';

/** The JSON every refusal answers with: a code to branch on, a sentence to show, the hub's clock. */
export interface HubErrorBody {
  error: string;
  message: string;
  hubTime: number;
}

/** Sends a JSON error. */
export function sendError(reply: FastifyReply, hub: Hub, status: number, error: string, message: string): FastifyReply {
  const body: HubErrorBody = { error, message, hubTime: hub.now() };
  return reply.code(status).send(body);
}

/** The first zod issue in words. */
export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(request)'}: ${issue.message}` : 'invalid request';
}

/** Every code a domain refusal of the hub carries (uploads, enrolment, terminal authentication). */
export type DomainCode = BatchError['code'] | EnrolError['code'] | AuthError['code'];

/**
 * The HTTP status of each code a domain refusal carries: hub/usage and hub/terminals answer
 * codes, only the routes speak HTTP (a console or a CLI maps the same codes its own way).
 * Authentication: 401 who are you, 403 known but refused, 429 a flood of tokens.
 */
const DOMAIN_STATUS: Record<DomainCode, 400 | 401 | 403 | 404 | 409 | 429> = {
  BAD_BATCH: 400,
  BAD_SIGNATURE: 400,
  UNKNOWN_TERMINAL: 404,
  TERMINAL_DISABLED: 403,
  WRONG_TERMINAL: 403,
  BAD_KEY: 400,
  UNKNOWN_CODE: 403,
  CODE_USED: 403,
  CODE_EXPIRED: 403,
  WRONG_PLACE: 403,
  TERMINAL_EXISTS: 409,
  AUTH_REQUIRED: 401,
  BAD_TOKEN: 401,
  UNAUTHENTICATED: 401,
  CLOCK_SKEW: 401,
  STALE_TOKEN: 401,
  WRONG_REQUEST: 401,
  REPLAYED_TOKEN: 401,
  TOO_MANY_REQUESTS: 429,
};

/** The HTTP status a route answers a domain refusal with. */
export function httpStatusOf(code: DomainCode): number {
  return DOMAIN_STATUS[code];
}

/** Sends a domain refusal (a code and its words) with the status its code maps to. */
export function sendRefusal(reply: FastifyReply, hub: Hub, refusal: { code: DomainCode; message: string }): FastifyReply {
  return sendError(reply, hub, httpStatusOf(refusal.code), refusal.code, refusal.message);
}

const STATUS_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'BAD_REQUEST'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'BAD_REQUEST'],
  // An upload body that did not arrive within its deadline (hub/server/terminal-guard.ts).
  JINKA_BODY_TIMEOUT: [408, 'BODY_TIMEOUT'],
};

/** Every failure answers JSON: framework errors by their status, anything unexpected as 500 without internals. */
export function installErrorHandlers(app: FastifyInstance, hub: Hub): void {
  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    const known = error.code === undefined ? undefined : STATUS_CODES[error.code];
    if (known !== undefined) return sendError(reply, hub, known[0], known[1], error.message);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, hub, error.statusCode, 'BAD_REQUEST', error.message);
    }
    // The database is out of reach (restarting, failing over): 503, so terminals keep their uploads and retry (ingest is idempotent).
    if (error instanceof HubStoreUnavailableError) {
      request.log.warn({ err: error }, 'hub database unreachable');
      reply.header('retry-after', '5');
      return sendError(reply, hub, 503, 'UNAVAILABLE', 'the hub database cannot be reached just now: try again shortly');
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, hub, 500, 'INTERNAL', 'the hub could not handle this request; it has been logged');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, hub, 404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
}
