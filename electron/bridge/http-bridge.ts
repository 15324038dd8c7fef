import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorCode } from '../../shared/api/api-types.js';
import type { ApiChannel, ApiResult } from '../../shared/api/terminal-api.js';
import { isApiChannel } from '../api/channel-access.js';
import { allowedHosts, bearerMatches, readBody, sameSiteRequest } from './bridge-guards.js';
import { SECURITY_HEADERS } from '../renderer-host/security-headers.js';
import { contentTypeFor, resolveStaticFile } from '../renderer-host/static-files.js';

/** How the bridge is set up: the service's handler, the built renderer, and where to listen. */
export interface HttpBridgeOptions {
  /** Answers one call (the terminal service's `handle`); the bridge adds no logic of its own. */
  handle: (channel: string, input: unknown) => Promise<ApiResult<ApiChannel>>;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** A fixed port; random (0) by default. The bridge binds 127.0.0.1 only. */
  port?: number;
  /** The per-launch token; random by default (tests may fix one). */
  token?: string;
  /** Largest request body accepted (bytes); 64 KiB by default. */
  maxBodyBytes?: number;
}

/** A running bridge: where it listens, its token, and the page URL carrying the token in its fragment. */
export interface HttpBridge {
  port: number;
  origin: string;
  token: string;
  /** Open this: the page reads `#token=…` (a fragment never reaches a server or a Referer). */
  pageUrl: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

const failure = (code: ApiErrorCode, message: string) => ({ ok: false, error: { code, message } });

async function serveApi(req: IncomingMessage, res: ServerResponse, path: string, options: Required<Omit<HttpBridgeOptions, 'port'>>): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, failure('INVALID_INPUT', 'POST only'), { allow: 'POST' });
  if (!bearerMatches(req, options.token)) return sendJson(res, 401, failure('INVALID_INPUT', 'bridge token required'), { 'www-authenticate': 'Bearer' });
  const channel = path.slice(API_PREFIX.length);
  if (!isApiChannel(channel)) return sendJson(res, 404, failure('INVALID_INPUT', 'unknown call'));
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, failure('INVALID_INPUT', 'send application/json'));
  const body = await readBody(req, options.maxBodyBytes);
  if (!body.ok) return sendJson(res, 413, failure('INVALID_INPUT', 'request too large'));
  let input: unknown;
  try {
    input = body.text.trim() === '' ? undefined : (JSON.parse(body.text) as unknown);
  } catch {
    return sendJson(res, 400, failure('INVALID_INPUT', 'body is not JSON'));
  }
  sendJson(res, 200, await options.handle(channel, input));
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, path: string, rendererDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', { allow: 'GET, HEAD' });
  const target = await resolveStaticFile(rendererDir, path);
  if (target.kind === 'bad-path') return send(res, 400, 'bad path', { 'content-type': 'text/plain; charset=utf-8' });
  if (target.kind === 'not-found') {
    return send(res, 404, 'not found (is the renderer built? npm run build:renderer)', { 'content-type': 'text/plain; charset=utf-8' });
  }
  send(res, 200, await readFile(target.path), { 'content-type': contentTypeFor(target.path), 'cache-control': 'no-cache' });
}

/**
 * Serves the terminal API and the built renderer over HTTP on 127.0.0.1, so the same UI
 * runs in a plain browser (or a tablet at a gate, through a local tunnel). Every /api
 * call needs this launch's token; the Host header must name the bridge (DNS rebinding);
 * no CORS header is ever sent, so no other site's page can read an answer.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const settings = { handle: options.handle, rendererDir: options.rendererDir, token: options.token ?? randomBytes(32).toString('base64url'), maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 };
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!sameSiteRequest(req, hosts)) return send(res, 403, 'forbidden host or origin', { 'content-type': 'text/plain; charset=utf-8' });
    const work = path.startsWith(API_PREFIX) ? serveApi(req, res, path, settings) : serveStatic(req, res, path, settings.rendererDir);
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', 'bridge error'));
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', exclusive: true }, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    token: settings.token,
    pageUrl: `${origin}/#token=${settings.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
