import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  RULES_FILE_MAX_BYTES,
  RULES_PATHS,
  RULES_PREVIEW_TTL_MS,
  rulesPublishRequestSchema,
  rulesUploadRequestSchema,
  type RulesPreviewResponse,
  type RulesPublishResponse,
} from '../../shared/console/rules-api.js';
import { rulesSchema, type Rules } from '../../shared/rules/rules-schema.js';
import type { Hub } from '../hub.js';
import { publishRules } from '../publish/versioned-bundles.js';
import { zodMessage } from '../server/http-errors.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';
import { catalogueRows, rulesDiff } from './rules-catalogue.js';

/** A JSON body carrying the file: its text at most RULES_FILE_MAX_BYTES, escaped (`\"`, `\uXXXX`) at most about six times as long. */
const UPLOAD_BODY_LIMIT = 6 * RULES_FILE_MAX_BYTES + 4096;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Reads an uploaded rules file as `jinka-hub rules set` does (the rules object, or a
 * `{"rules": …}` wrapper) and validates it with the rules schema; refusals name the first problem.
 */
export function readRulesUpload(text: string): Rules {
  if (Buffer.byteLength(text, 'utf8') > RULES_FILE_MAX_BYTES) throw new ConsoleRefusal(413, 'RULES_INVALID', `the rules file is larger than ${RULES_FILE_MAX_BYTES / 1024} KiB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConsoleRefusal(400, 'RULES_INVALID', 'the rules file is not JSON');
  }
  const candidate = typeof json === 'object' && json !== null && !Array.isArray(json) && 'rules' in json ? json.rules : json;
  const parsed = rulesSchema.safeParse(candidate);
  if (!parsed.success) throw new ConsoleRefusal(400, 'RULES_INVALID', `the rules do not pass the schema: ${zodMessage(parsed.error)}`);
  return parsed.data;
}

/**
 * The preview token: `base.expires.mac`, the MAC an HMAC-SHA256 under a key derived from the hub
 * secret (so every hub process on the database checks it, and nobody without the secret makes
 * one) over the SHA-256 of the exact bytes previewed, the version in force they were compared
 * with, and the expiry.
 */
function previewMac(hub: Hub, digest: string, base: number, expiresMs: number): Buffer {
  return createHmac('sha256', hub.derivedKey('jinka-hub console rules preview')).update(`${digest}|${base}|${expiresMs}`).digest();
}

export function previewToken(hub: Hub, digest: string, base: number, expiresMs: number): string {
  return `${base}.${expiresMs}.${previewMac(hub, digest, base, expiresMs).toString('base64url')}`;
}

/** The version in force a token was made against, when it was made by this hub for exactly these bytes and has not expired. */
export function checkPreviewToken(hub: Hub, token: string, text: string): number {
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  const mismatch = new ConsoleRefusal(409, 'PREVIEW_MISMATCH', 'these are not the bytes that were previewed (or the preview expired): preview the file again');
  if (m === null) throw mismatch;
  const base = Number(m[1]);
  const expiresMs = Number(m[2]);
  const sent = Buffer.from(m[3] ?? '', 'base64url');
  const expected = previewMac(hub, sha256(text), base, expiresMs);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected) || hub.now() > expiresMs) throw mismatch;
  return base;
}

/** Rules (Art. 39): the catalogue in force (every role); preview and publish a new version (admin). */
export function registerRulesRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;

  consoleRoute(app, ctx, {
    method: 'GET',
    path: RULES_PATHS.catalogue,
    action: 'rules.read',
    roles: ['admin', 'officer', 'auditor'],
    handle: async () => {
      const { version, rules } = await hub.rules();
      const latest = await hub.store.bundles.latest('jinka/rules');
      return { body: { version, publishedAt: latest?.version === version ? latest.createdMs : null, rows: catalogueRows(rules), companionLimits: { ...rules.companionLimits } } };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: RULES_PATHS.preview,
    action: 'rules.preview',
    roles: ['admin'],
    body: rulesUploadRequestSchema,
    bodyLimit: UPLOAD_BODY_LIMIT,
    selfContained: true,
    handle: async ({ body }) => {
      const rules = readRulesUpload(body.text);
      const current = await hub.rules();
      const changes = rulesDiff(current.rules, rules);
      if (changes.length === 0) throw new ConsoleRefusal(409, 'RULES_UNCHANGED', `the file holds the rules of version ${current.version}, in force already`);
      const digest = sha256(body.text);
      const expiresMs = hub.now() + RULES_PREVIEW_TTL_MS;
      const answer: RulesPreviewResponse = {
        baseVersion: current.version,
        nextVersion: current.version + 1,
        sha256: digest,
        changes,
        rows: catalogueRows(rules),
        previewToken: previewToken(hub, digest, current.version, expiresMs),
        expiresAt: expiresMs,
      };
      return { body: answer, target: digest.slice(0, 16), outcome: `ok:v${current.version}:${changes.length}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: RULES_PATHS.publish,
    action: 'rules.publish',
    roles: ['admin'],
    body: rulesPublishRequestSchema,
    bodyLimit: UPLOAD_BODY_LIMIT,
    selfContained: true,
    handle: async ({ body }) => {
      const base = checkPreviewToken(hub, body.previewToken, body.text);
      const rules = readRulesUpload(body.text);
      const stale = new ConsoleRefusal(409, 'PREVIEW_STALE', 'another rules version was published after this preview: preview the file again');
      const moved = async (): Promise<boolean> => ((await hub.store.bundles.latestVersion('jinka/rules')) ?? 0) !== base;
      if (await moved()) throw stale;
      const bundle = await publishRules(hub, rules, base).catch(async (error: unknown) => {
        throw (await moved()) ? stale : error;
      });
      const answer: RulesPublishResponse = { version: bundle.version, sha256: sha256(body.text), publishedAt: bundle.createdMs };
      return { body: answer, status: 201, target: `v${bundle.version}`, outcome: `ok:${answer.sha256.slice(0, 16)}` };
    },
  });
}
