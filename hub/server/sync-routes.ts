import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { enrolRequestSchema, pendingUploadsQuerySchema, SYNC_PATHS, type UploadAck } from '../../shared/sync/sync-protocol.js';
import { thumbprintSchema } from '../../shared/sync/enrol-qr.js';
import type { Hub } from '../hub.js';
import { bundlesQuerySchema, bundlesSince, freshenBundles } from '../publish/bundle-query.js';
import type { RevocationCache } from '../publish/revocation-bundles.js';
import { trustFileText } from '../publish/versioned-bundles.js';
import type { StoredTerminal } from '../store/hub-store.js';
import { enrolTerminal, enrolTrust, signEnrolAck } from '../terminals/enrolment.js';
import { ingestUpload } from '../usage/ingest-upload.js';
import { quotaFeed, quotaQuerySchema } from '../usage/quota-feed.js';
import { MAX_BATCH_BYTES } from '../usage/upload-batch.js';
import { EnrolLimit } from './enrol-limit.js';
import { sendError, sendRefusal, zodMessage } from './http-errors.js';
import type { TerminalGuard } from './terminal-guard.js';

/** GET /v1/enrol/trust per address: 60 a minute. */
export const TRUST_ROUTE_LIMIT = { perWindow: 60, windowMs: 60_000, addresses: 10_000 };

/** GET /v1/enrol/trust's query: the thumbprint the QR carries. */
const enrolTrustQuerySchema = z.strictObject({ key: thumbprintSchema.optional() });

/** An upload body: the JWS as text (application/jose, text/plain), or JSON `"…"` or `{"jws": "…"}`. */
const uploadBodySchema = z.union([z.string().min(1), z.object({ jws: z.string().min(1) }).transform((o) => o.jws)]);

/** Runs the hub's freshening at most once a minute, sharing one run between concurrent requests. */
export class Freshener {
  private lastMs = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | undefined;

  constructor(private readonly hub: Hub, private readonly everyMs = 60_000) {}

  async maybe(): Promise<void> {
    if (this.running !== undefined) return this.running;
    if (this.hub.now() - this.lastMs < this.everyMs) return;
    this.lastMs = this.hub.now();
    this.running = freshenBundles(this.hub).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}

/**
 * The routes of shared/sync/sync-protocol.ts, plus public GET /v1/health and GET /v1/trust-file.
 * `guard` has authenticated the terminal before the body was read (its hooks run first).
 * `publicUrl` (`serve --public-url`), when set, is named in the signed enrolment answer.
 */
export function registerSyncRoutes(app: FastifyInstance, hub: Hub, freshener: Freshener, cache: RevocationCache, guard: TerminalGuard, enrolLimit: EnrolLimit, publicUrl?: string): void {
  const keys = guard.keys;
  const authenticated = (request: FastifyRequest, reply: FastifyReply): Promise<StoredTerminal | undefined> => {
    const terminal = guard.terminalOf(request);
    if (terminal === undefined) sendError(reply, hub, 401, 'AUTH_REQUIRED', 'this route needs a terminal request token');
    return Promise.resolve(terminal);
  };

  // Counted before the body is read: every attempt, well-formed or not, takes one of the address's ten a minute.
  const limitEnrol = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const taken = enrolLimit.take(request.ip, hub.now());
    if (taken.ok) return done();
    // Answering ends the request here: `done` is called only to go on.
    reply.header('retry-after', String(taken.retryAfterSec)).header('connection', 'close');
    sendError(reply, hub, 429, 'TOO_MANY_REQUESTS', 'too many enrolment attempts from this address: wait a minute');
  };

  app.post(SYNC_PATHS.enrol, { bodyLimit: 16 * 1024, onRequest: limitEnrol }, async (request, reply) => {
    const parsed = enrolRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, hub, 400, 'BAD_REQUEST', zodMessage(parsed.error));
    const result = await enrolTerminal(hub, parsed.data);
    if (!result.ok) return sendRefusal(reply, hub, result.error);
    const { terminalId, site, service } = result.value;
    request.log.info({ terminal: terminalId, site }, 'terminal enrolled');
    // Only a terminal that left its site or service to the code is told them: an older one sent both and its strict schema takes no more.
    const told = parsed.data.site === undefined || parsed.data.service === undefined ? { site, service } : {};
    // Only a terminal that asked gets the signed answer (an older one's strict schema takes no more).
    const ack = parsed.data.ack === true ? { ack: await signEnrolAck(hub, { terminalId, publicJwk: parsed.data.publicJwk, site, service, url: publicUrl }) } : {};
    return { terminalId, hubTime: hub.now(), ...told, ...ack };
  });

  // Public, like the trust file: what it hands out is public keys, signed; the QR's thumbprint is what a new terminal checks it by.
  // Unauthenticated and a store read each: limited per address (generously: a terminal asks once per enrolment).
  const trustLimit = new EnrolLimit(TRUST_ROUTE_LIMIT);
  const limitTrust = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const taken = trustLimit.take(request.ip, hub.now());
    if (taken.ok) return done();
    reply.header('retry-after', String(taken.retryAfterSec)).header('connection', 'close');
    sendError(reply, hub, 429, 'TOO_MANY_REQUESTS', 'too many trust requests from this address: wait a minute');
  };
  app.get(SYNC_PATHS.enrolTrust, { onRequest: limitTrust }, async (request, reply) => {
    const query = enrolTrustQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, hub, 400, 'BAD_REQUEST', zodMessage(query.error));
    const trust = await enrolTrust(hub, query.data.key);
    if (trust === undefined) return sendError(reply, hub, 404, 'NO_TRUST_ANCHOR', 'no trust version of this hub is signed by the key the QR names: print a new enrolment QR');
    return { hubTime: hub.now(), chain: trust.chain };
  });

  app.post(SYNC_PATHS.upload, { bodyLimit: MAX_BATCH_BYTES + 1024 }, async (request, reply) => {
    const terminal = await authenticated(request, reply);
    if (terminal === undefined) return reply;
    const body = uploadBodySchema.safeParse(request.body);
    if (!body.success) return sendError(reply, hub, 400, 'BAD_BATCH', 'send the signed batch as the body (application/jose) or as {"jws": "…"}');
    const result = await ingestUpload(hub, body.data, keys, terminal);
    if (!result.ok) return sendRefusal(reply, hub, result.error);
    const { cursor, accepted, duplicates, hubTime, flags } = result.value;
    const ack: UploadAck = { cursor, accepted, duplicates, hubTime, flags };
    return ack;
  });

  app.get(SYNC_PATHS.bundles, async (request, reply) => {
    const terminal = await authenticated(request, reply);
    if (terminal === undefined) return reply;
    const query = bundlesQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, hub, 400, 'BAD_REQUEST', zodMessage(query.error));
    // A figure for the console's list only: one it cannot read is ignored (the earlier one kept), never a reason to withhold revocations.
    const pending = pendingUploadsQuerySchema.safeParse(request.query);
    // What it holds of the bureau's list and what it has yet to upload, for the console's terminal list.
    // Written only when they changed (the terminal's row was read as it authenticated): an idle round writes nothing but its token's id.
    // Both in one statement when both changed.
    const held = query.data.revocations.get(hub.settings.iss);
    const count = pending.success ? pending.data.pending : undefined;
    const said = {
      ...(held !== undefined && held !== terminal.revocationSeqHeld ? { revocationSeq: held } : {}),
      ...(count !== undefined && count !== terminal.pendingUploads ? { pendingUploads: count } : {}),
    };
    if (said.revocationSeq !== undefined || said.pendingUploads !== undefined) await hub.store.terminals.noteHolding(terminal.id, said);
    await freshener.maybe();
    return { hubTime: hub.now(), bundles: await bundlesSince(hub, query.data, cache) };
  });

  app.get(SYNC_PATHS.quota, async (request, reply) => {
    const terminal = await authenticated(request, reply);
    if (terminal === undefined) return reply;
    const query = quotaQuerySchema.safeParse(request.query);
    if (!query.success) return sendError(reply, hub, 400, 'BAD_REQUEST', zodMessage(query.error));
    return quotaFeed(hub, terminal, query.data);
  });

  app.get('/v1/health', () => ({ ok: true, hubTime: hub.now() }));
  app.get('/v1/trust-file', async (_request, reply) => reply.type('application/json').send(await trustFileText(hub)));
}
