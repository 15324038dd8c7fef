import type { z } from 'zod';
import { CONSOLE_API, CONSOLE_CSRF_HEADER, type ConsoleErrorCode } from '../../../shared/console/console-api.js';

/** A refusal of the console API: its code to branch on, the hub's sentence, the HTTP status, and Retry-After in seconds when sent. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ConsoleErrorCode | 'NETWORK' | 'BAD_ANSWER',
    message: string,
    readonly retryAfterSec: number | undefined,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
}

async function refusal(response: Response): Promise<ConsoleApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const retry = Number(response.headers.get('retry-after'));
  return new ConsoleApiError(
    response.status,
    typeof body.error === 'string' ? (body.error as ConsoleErrorCode) : 'BAD_ANSWER',
    typeof body.message === 'string' ? body.message : response.statusText,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/** The window event the client raises when the hub says the session is gone. */
export const SIGNED_OUT_EVENT = 'jinka-console:signed-out';

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${CONSOLE_API}${path}`, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch (error) {
    throw new ConsoleApiError(0, 'NETWORK', error instanceof Error ? error.message : 'network error', undefined);
  }
  if (!response.ok) {
    const error = await refusal(response);
    // A session that ended (idle, lifetime, disabled account) sends the whole console back to sign-in.
    if (error.code === 'NOT_SIGNED_IN') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw error;
  }
  return response;
}

/** Parses an answer with the contract's schema: a hub that answers something else is an error, never trusted. */
async function parsed<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await response.json().catch(() => undefined));
  if (!result.success) throw new ConsoleApiError(response.status, 'BAD_ANSWER', 'the hub answered something the console does not understand', undefined);
  return result.data;
}

/** A read. */
export async function apiGet<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  return parsed(await send(path, { method: 'GET' }), schema);
}

/**
 * A state change: JSON body, and the session's CSRF token in its header (every change sends it;
 * sign-in has no session yet and sends an empty one).
 */
export async function apiPost<T>(path: string, csrf: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const headers: Record<string, string> = { [CONSOLE_CSRF_HEADER]: csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return parsed(await send(path, { method: 'POST', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }), schema);
}

/** A file from the API (sheet, QR images, tokens, exports) as a blob; a refusal throws like any other answer. */
export async function apiDownload(path: string): Promise<Blob> {
  return (await send(path, { method: 'GET' })).blob();
}

/** The URL of a download under the API (the browser sends the session cookie with it). */
export const apiUrl = (path: string): string => `${CONSOLE_API}${path}`;
