import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  ISSUER_KEYS_FILE_MAX_BYTES,
  ISSUER_PREVIEW_TTL_MS,
  KEY_PATHS,
  RELAY_FILE_MAX_BYTES,
  issuerRegisterRequestSchema,
  issuerUploadRequestSchema,
  relayUploadRequestSchema,
  type IssuerKeyChange,
  type IssuerPreviewResponse,
  type IssuerRegisterResponse,
  type IssuerUploadRequest,
  type RelayResponse,
} from '../../shared/console/key-api.js';
import { KEY_USES, type PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import type { Hub } from '../hub.js';
import { foreignIssuerProblem, putForeignIssuer, readIssuerKeys, relayRevocations } from '../publish/foreign-issuers.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { checkPreviewToken, previewToken } from './rules-routes.js';

/** A JSON body carrying the keys file: its text escaped (`\"`, `\uXXXX`) at most about six times as long. */
const KEYS_BODY_LIMIT = 6 * ISSUER_KEYS_FILE_MAX_BYTES + 4096;
/** A compact JWS is base64url and dots: nothing in it is escaped in JSON. */
const RELAY_BODY_LIMIT = RELAY_FILE_MAX_BYTES + 4096;

/**
 * What the preview token binds: the iss, the name and the file's exact bytes, under a prefix of
 * its own (a rules preview binds the bare file, which is JSON and never starts with it).
 */
const uploadBinding = (u: IssuerUploadRequest): string => `jinka-hub issuer\0${u.iss}\0${u.name}\0${u.text}`;
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const usageOf = (k: PublicJwk): IssuerKeyChange['usage'] => k.jinka_use ?? [...KEY_USES];
const sameKey = (a: PublicJwk, b: PublicJwk): boolean => a.kid === b.kid && jwkThumbprint(a) === jwkThumbprint(b) && usageOf(a).join() === usageOf(b).join();

/** The keys of the upload, read and checked as `jinka-hub issuer add` does (readIssuerKeys, foreignIssuerProblem). */
async function uploadKeys(hub: Hub, u: IssuerUploadRequest): Promise<PublicJwk[]> {
  const keys = readIssuerKeys(u.iss, u.text);
  if (!keys.ok) throw new ConsoleRefusal(400, 'ISSUER_KEYS_REFUSED', keys.error);
  const problem = await foreignIssuerProblem(hub, { iss: u.iss, keys: keys.value });
  if (problem !== undefined) throw new ConsoleRefusal(409, 'ISSUER_NOT_FOREIGN', problem);
  return keys.value;
}

/** Each key of the file against the issuer's keys in force (a kid whose key or usage changed leaves and comes back), then the keys that leave. */
function keyChanges(before: PublicJwk[], after: PublicJwk[]): IssuerKeyChange[] {
  const view = (k: PublicJwk, change: IssuerKeyChange['change']): IssuerKeyChange => ({ kid: k.kid, change, usage: usageOf(k), thumbprint: jwkThumbprint(k) });
  return [
    ...after.map((k) => view(k, before.some((b) => sameKey(b, k)) ? 'kept' : 'added')),
    ...before.filter((b) => !after.some((k) => sameKey(b, k))).map((b) => view(b, 'removed')),
  ];
}

/** Thumbprints as the staff log keeps them: the first 16 characters of each (the log line holds 200). */
const loggedThumbprints = (thumbprints: string[]): string => thumbprints.map((t) => t.slice(0, 16)).join(',');

/**
 * Foreign issuers (the province's Huicai card), as `jinka-hub issuer add|relay` does them:
 * register or update an issuer's keys (admin: a new trust version every terminal follows), in
 * two steps as rules are published — a preview with the thumbprints and the change, then a
 * confirm bound to exactly what was previewed; relay a registered issuer's signed revocation
 * list (officer and admin: it only adds revocations that issuer signed).
 */
export function registerIssuerRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;
  const trustVersion = async (): Promise<number> => (await hub.store.bundles.latestVersion('jinka/trust')) ?? 0;

  consoleRoute(app, ctx, {
    method: 'POST',
    path: KEY_PATHS.issuerPreview,
    action: 'issuer.preview',
    roles: ['admin'],
    body: issuerUploadRequestSchema,
    bodyLimit: KEYS_BODY_LIMIT,
    selfContained: true,
    handle: async ({ body }) => {
      const keys = await uploadKeys(hub, body);
      const held = (await hub.store.issuers.list()).find((i) => i.iss === body.iss);
      const changes = keyChanges(held?.keys ?? [], keys);
      const same = held !== undefined && held.name === body.name && changes.every((c) => c.change === 'kept');
      const base = await trustVersion();
      const digest = sha256(uploadBinding(body));
      const expiresMs = hub.now() + ISSUER_PREVIEW_TTL_MS;
      const answer: IssuerPreviewResponse = {
        iss: body.iss,
        name: body.name,
        nameBefore: held?.name ?? null,
        change: held === undefined ? 'new' : same ? 'unchanged' : 'update',
        keys: changes,
        baseVersion: base,
        sha256: sha256(body.text),
        previewToken: previewToken(hub, digest, base, expiresMs),
        expiresAt: expiresMs,
      };
      return { body: answer, target: body.iss, outcome: `ok:${answer.change}:${loggedThumbprints(keys.map((k) => jwkThumbprint(k)))}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: KEY_PATHS.issuerRegister,
    action: 'issuer.register',
    roles: ['admin'],
    body: issuerRegisterRequestSchema,
    bodyLimit: KEYS_BODY_LIMIT,
    selfContained: true,
    handle: async ({ body }) => {
      const { previewToken: token, ...upload } = body;
      const base = checkPreviewToken(hub, token, uploadBinding(upload));
      const keys = await uploadKeys(hub, upload);
      const stale = new ConsoleRefusal(409, 'PREVIEW_STALE', 'the trust list changed after this preview: preview the file again');
      if ((await trustVersion()) !== base) throw stale;
      const version = await putForeignIssuer(hub, { iss: upload.iss, name: upload.name, keys });
      const thumbprints = keys.map((k) => jwkThumbprint(k));
      const answer: IssuerRegisterResponse = { iss: upload.iss, trustVersion: version ?? null, thumbprints };
      return { body: answer, status: 201, target: upload.iss, outcome: `ok:trust v${version ?? 'unchanged'}:${loggedThumbprints(thumbprints)}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: KEY_PATHS.issuerRelay,
    action: 'issuer.relay',
    roles: ['admin', 'officer'],
    body: relayUploadRequestSchema,
    bodyLimit: RELAY_BODY_LIMIT,
    selfContained: true,
    handle: async ({ body }) => {
      const relayed = await relayRevocations(hub, body.text);
      if (!relayed.ok) throw new ConsoleRefusal(400, 'RELAY_REFUSED', relayed.error);
      const answer: RelayResponse = { iss: relayed.value.iss, seq: relayed.value.seq, base: relayed.value.base };
      return { body: answer, status: 201, target: answer.iss, outcome: `ok:seq ${answer.seq}` };
    },
  });
}
