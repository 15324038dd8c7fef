import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Hub } from '../hub.js';
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

/**
 * The HTTP status of each code a domain refusal carries: hub/usage answers codes, only the
 * routes speak HTTP (a console or a CLI maps the same codes its own way).
 */
const DOMAIN_STATUS: Record<BatchError['code'], 400 | 403 | 404> = {
  BAD_BATCH: 400,
  BAD_SIGNATURE: 400,
  UNKNOWN_TERMINAL: 404,
  TERMINAL_DISABLED: 403,
  WRONG_TERMINAL: 403,
};

/** The HTTP status a route answers a domain refusal with. */
export function httpStatusOf(code: keyof typeof DOMAIN_STATUS): number {
  return DOMAIN_STATUS[code];
}

/** Sends a domain refusal (a code and its words) with the status its code maps to. */
export function sendRefusal(reply: FastifyReply, hub: Hub, refusal: { code: keyof typeof DOMAIN_STATUS; message: string }): FastifyReply {
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
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, hub, 500, 'INTERNAL', 'the hub could not handle this request; it has been logged');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, hub, 404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
}
