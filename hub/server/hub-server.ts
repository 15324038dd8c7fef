import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';
import { createServer } from 'node:https';
import type { Hub } from '../hub.js';
import { RevocationCache, revocationBundleFor } from '../publish/revocation-bundles.js';
import { installErrorHandlers } from './http-errors.js';
import { Freshener, registerSyncRoutes } from './sync-routes.js';
import { TerminalGuard } from './terminal-guard.js';
import type { UploadLimits } from './upload-gate.js';
import { EnrolLimit, type EnrolLimitOptions } from './enrol-limit.js';
import { registerConsole, type ConsoleOptions } from '../console/console-app.js';

/** How the hub serves. */
export interface ServeOptions {
  host?: string;
  port?: number;
  /** PEM certificate and key: with them the hub serves HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Structured request logs (JSON lines) on stderr. */
  log?: boolean;
  /** Uploads read at once and waiting, and their body deadline (default `DEFAULT_UPLOAD_LIMITS`). */
  uploads?: UploadLimits;
  /** Socket deadlines (default `DEFAULT_HUB_TIMEOUTS`). */
  timeouts?: HubTimeouts;
  /** Attempts at /v1/enrol per address (default `DEFAULT_ENROL_LIMIT`). */
  enrolLimit?: EnrolLimitOptions;
  /** The bureau console's sessions and sign-in limit (README "The bureau's console"). */
  console?: Omit<ConsoleOptions, 'secure'>;
  /**
   * The reverse proxies in front of the hub (addresses or CIDRs, `--trust-proxy`): only from them
   * is X-Forwarded-For believed, so per-address limits and the staff log see the client, not the
   * proxy. Off by default: a client could otherwise name any address it likes.
   */
  trustProxy?: readonly string[];
}

/** How long a client may take over its headers and its whole request, and how long a socket may sit idle. */
export interface HubTimeouts {
  headersMs: number;
  /** Must cover an upload's wait for its turn plus its body deadline (30 s + 60 s by default). */
  requestMs: number;
  idleMs: number;
}

/** Headers within 20 s, a request within 2 minutes, no socket idle over a minute (Node checks these every 30 s). */
export const DEFAULT_HUB_TIMEOUTS: HubTimeouts = { headersMs: 20_000, requestMs: 120_000, idleMs: 60_000 };

/** Sets the deadlines on the server Fastify made or the HTTPS one made for it (Fastify leaves a factory's server as it is). */
function applyTimeouts(server: Server, timeouts: HubTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.setTimeout(timeouts.idleMs);
}

/** A running hub server. */
export interface RunningHub {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Default bind address: this machine only, until the bureau says otherwise (--host). */
export const DEFAULT_HOST = '127.0.0.1';
/** Default port. */
export const DEFAULT_PORT = 8443;

/**
 * Builds the Fastify app (not listening): JSON errors, a 64 KiB body limit except for uploads
 * (32 MiB, read only once the terminal is authenticated and admitted, within a deadline),
 * socket deadlines, the sync routes, and the bureau console's API under /console/api/.
 */
export function buildHubApp(hub: Hub, options: ServeOptions = {}): { app: FastifyInstance; freshener: Freshener; cache: RevocationCache } {
  const base: FastifyServerOptions = {
    logger: options.log ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    ...(options.trustProxy === undefined || options.trustProxy.length === 0 ? {} : { trustProxy: [...options.trustProxy] }),
  };
  const tls = options.tls;
  const app = (
    tls === undefined ? Fastify(base) : Fastify({ ...base, serverFactory: (handler) => createServer({ cert: tls.cert, key: tls.key }, handler) as never })
  ) as FastifyInstance;
  applyTimeouts(app.server, options.timeouts ?? DEFAULT_HUB_TIMEOUTS);
  app.addContentTypeParser(['application/jose', 'application/octet-stream'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  installErrorHandlers(app, hub);
  const guard = new TerminalGuard(hub, options.uploads);
  guard.install(app);
  const freshener = new Freshener(hub);
  const cache = new RevocationCache();
  registerSyncRoutes(app, hub, freshener, cache, guard, new EnrolLimit(options.enrolLimit), options.console?.publicUrl);
  registerConsole(app, hub, { ...options.console, secure: tls !== undefined });
  return { app, freshener, cache };
}

/** Starts serving; with no TLS material it says plainly that it serves plain HTTP. */
export async function startHubServer(hub: Hub, options: ServeOptions = {}, say: (line: string) => void = () => {}): Promise<RunningHub> {
  const { app, freshener, cache } = buildHubApp(hub, options);
  await freshener.maybe();
  // The full list signed before the first terminal asks for it (a new terminal needs it at once).
  await revocationBundleFor(hub, 0, cache);
  const host = options.host ?? DEFAULT_HOST;
  await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
  const scheme = options.tls === undefined ? 'http' : 'https';
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (options.tls === undefined) say(`WARNING: serving plain HTTP on ${url} (no --cert/--key): anyone on the network path can read the traffic; use TLS outside a test bench`);
  else say(`serving HTTPS on ${url}`);
  say(`bureau console: ${url}/console/ (its API: ${url}/console/api/)`);
  // Keeps the revocation heartbeat and the trust list fresh even when no terminal asks.
  const timer = setInterval(() => void freshener.maybe().catch((error: unknown) => app.log.error({ err: error }, 'freshening failed')), 3_600_000);
  timer.unref();
  return {
    app,
    url,
    close: async () => {
      clearInterval(timer);
      await app.close();
    },
  };
}
