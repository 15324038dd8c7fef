import { createHash, type Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SYNC_PATHS } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import type { StoredTerminal } from '../store/hub-store.js';
import { TerminalAuthenticator, type TerminalKeys } from '../terminals/terminal-auth.js';
import { httpStatusOf, sendError } from './http-errors.js';
import { UploadGate, type UploadLimits } from './upload-gate.js';

/** Routes a terminal must sign every request to. */
const AUTHENTICATED_ROUTES: ReadonlySet<string> = new Set([SYNC_PATHS.upload, SYNC_PATHS.bundles, SYNC_PATHS.quota]);
/**
 * Four uploads read at once (2 cores: parsing and the ingest transaction are the work), 64
 * waiting up to 30 s, each body read within 60 s of its admission (a terminal's batch is at
 * most 512 KiB: 60 s is about 70 kbit/s; electron/core/sync/upload-batches.ts).
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { concurrent: 4, queued: 64, waitMs: 30_000, bodyMs: 60_000 };
/** "Last seen" is written at most this often per terminal (a write is an fsync). */
const SEEN_EVERY_MS = 60_000;

interface Admitted {
  terminal: StoredTerminal;
  bodyHash: string;
  hasher: Hash | undefined;
  /** Cuts an upload whose body has not arrived in time; cleared once it has. */
  deadline: NodeJS.Timeout | undefined;
}

/** Raised into the body stream when its deadline passes (answered 408 if the socket still can be). */
class BodyTimeoutError extends Error {
  readonly code = 'JINKA_BODY_TIMEOUT';
  readonly statusCode = 408;
}

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Authenticates terminals in `onRequest`, before a byte of the body is read, so an
 * unauthenticated caller cannot make the hub buffer and parse a 32 MiB upload; admits at
 * most a few uploads at a time; hashes the body as it streams in and, once it is read,
 * checks it is the body the request token was made for.
 */
export class TerminalGuard {
  readonly auth: TerminalAuthenticator;
  private readonly admitted = new WeakMap<FastifyRequest, Admitted>();
  private readonly lastSeen = new Map<string, number>();
  private readonly uploads: UploadGate;

  constructor(private readonly hub: Hub, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {
    this.auth = new TerminalAuthenticator(hub);
    this.uploads = new UploadGate(limits);
  }

  /** The terminals' public keys (the upload's batch signature is checked with the same ones). */
  get keys(): TerminalKeys {
    return this.auth.keys;
  }

  /** Adds the hooks to `app`; call before the routes are registered. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', (request, reply) => this.onRequest(request, reply));
    app.addHook('preParsing', (request, _reply, payload) => Promise.resolve(this.tap(request, payload)));
    app.addHook('preValidation', (request, reply, done) => {
      clearTimeout(this.admitted.get(request)?.deadline);
      // Answering ends the request here: `done` is called only to go on.
      if (this.bodyMatches(request)) done();
      else this.refuse(request, reply, 401, 'WRONG_REQUEST', 'the request token was made for another body');
    });
  }

  /** The terminal that signed `request` (undefined on a route that needs no terminal). */
  terminalOf(request: FastifyRequest): StoredTerminal | undefined {
    return this.admitted.get(request)?.terminal;
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
    // The unread body is not drained: the connection ends with the answer.
    if (hasBody(request)) reply.header('connection', 'close');
    if (status === 503 || status === 429) reply.header('retry-after', '30');
    return sendError(reply, this.hub, status, code, message);
  }

  private async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const route = request.routeOptions.url;
    if (route === undefined || !AUTHENTICATED_ROUTES.has(route)) return undefined;
    const auth = await this.auth.authenticate(request.headers.authorization, { method: request.method, url: request.url });
    if (!auth.ok) return this.refuse(request, reply, httpStatusOf(auth.error.code), auth.error.code, auth.error.message);
    const { terminal, bodyHash } = auth.value;
    const admitted: Admitted = { terminal, bodyHash, hasher: undefined, deadline: undefined };
    if (route === SYNC_PATHS.upload) {
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      const turn = await this.uploads.enter(terminal.id, gone.signal);
      if (!turn.admitted && turn.reason === 'in-progress') {
        return this.refuse(request, reply, 429, 'UPLOAD_IN_PROGRESS', 'this terminal is already sending an upload: send the next one when it is answered');
      }
      if (!turn.admitted) return this.refuse(request, reply, 503, 'BUSY', 'the hub is reading other uploads: try again shortly');
      if (gone.signal.aborted) turn.release();
      else {
        // A body trickled a byte at a time would hold its slot for ever: it is cut at the deadline.
        admitted.deadline = setTimeout(() => request.raw.destroy(new BodyTimeoutError('the upload body did not arrive in time')), this.uploads.limits.bodyMs);
        reply.raw.once('close', () => {
          clearTimeout(admitted.deadline);
          turn.release();
        });
      }
    }
    const now = this.hub.now();
    if (now - (this.lastSeen.get(terminal.id) ?? Number.NEGATIVE_INFINITY) >= SEEN_EVERY_MS) {
      this.lastSeen.set(terminal.id, now);
      await this.hub.store.terminals.seen(terminal.id, now, null);
    }
    this.admitted.set(request, admitted);
    return undefined;
  }

  private tap(request: FastifyRequest, payload: NodeJS.ReadableStream): NodeJS.ReadableStream {
    const admitted = this.admitted.get(request);
    if (admitted === undefined || request.method === 'GET') return payload;
    const hasher = createHash('sha256');
    admitted.hasher = hasher;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hasher.update(chunk);
        done(null, chunk);
      },
    });
    payload.on('error', (error: Error) => tap.destroy(error));
    return payload.pipe(tap);
  }

  /** Whether the body read is the one the request token was made for (true on a route that needs no terminal). */
  private bodyMatches(request: FastifyRequest): boolean {
    const admitted = this.admitted.get(request);
    if (admitted === undefined) return true;
    return (admitted.hasher ?? createHash('sha256')).digest('base64url') === admitted.bodyHash;
  }
}
