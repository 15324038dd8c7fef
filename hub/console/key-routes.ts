import type { FastifyInstance } from 'fastify';
import { KEY_PATHS, keyIdParamsSchema, rotateKeyRequestSchema, type IssuerView, type KeyStatus, type KeyView } from '../../shared/console/key-api.js';
import type { PublicJwk } from '../../shared/bundles/bundle-schemas.js';
import { jwkThumbprint } from '../../node/crypto/jwk-thumbprint.js';
import type { Hub } from '../hub.js';
import { createIssuerKey, publishedKeys, unsealKey } from '../keys/key-ring.js';
import { refreshTrust } from '../publish/versioned-bundles.js';
import type { StoredKey } from '../store/hub-store.js';
import { EnrolLimit } from '../server/enrol-limit.js';
import { ConsoleRefusal, consoleRoute, type ConsoleContext } from './console-route.js';

/**
 * Rotating a key asks for the hub passphrase, the secret meant to hold even against someone with
 * the database: an admin session must not become an online guessing oracle for it, nor stall the
 * hub (each try is a synchronous scrypt). Five tries per admin in 15 minutes, per process.
 */
const PASSPHRASE_TRIES = { perWindow: 5, windowMs: 15 * 60_000, addresses: 1_000 };

/** A signing key that is neither current nor retired (the store's own rule for `retire`). */
const retirable = (k: StoredKey): boolean => k.role === 'signing' && !k.current && k.retiredMs === null && k.compromisedMs === null;

function statusOf(k: StoredKey, published: boolean): KeyStatus {
  if (k.compromisedMs !== null) return 'compromised';
  if (k.retiredMs !== null) return 'retired';
  if (k.role === 'trust') return 'trust';
  if (k.current) return 'current';
  return published ? 'published' : 'unpublished';
}

/** The hub's keys as the console shows them: status, what the trust list lets each sign, and its thumbprint. Never the sealed private key. */
export async function keyViews(hub: Hub): Promise<KeyView[]> {
  const keys = await hub.store.keys.list();
  const published = new Map<string, PublicJwk>(publishedKeys(keys, hub.settings.iss, hub.nowSec()).map((k) => [k.kid, k]));
  return keys.map((k) => {
    const pub = published.get(k.kid);
    return {
      kid: k.kid,
      iss: k.iss,
      role: k.role,
      status: statusOf(k, pub !== undefined),
      usage: pub?.jinka_use ?? [],
      thumbprint: jwkThumbprint(k.publicJwk),
      createdAt: k.createdMs,
      lastCardExpiresAt: k.lastCardExp > 0 ? k.lastCardExp * 1000 : null,
      retiredAt: k.retiredMs,
      compromisedAt: k.compromisedMs,
      retirable: retirable(k),
    };
  });
}

/** Keys and issuers: lists (every role); rotate and retire (admin), each publishing a new trust version when the list changes. */
export function registerKeyRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const { hub } = ctx;
  const trustVersion = async (): Promise<number> => (await hub.store.bundles.latestVersion('jinka/trust')) ?? 0;
  const passphraseTries = new EnrolLimit(PASSPHRASE_TRIES);

  consoleRoute(app, ctx, {
    method: 'GET',
    path: KEY_PATHS.list,
    action: 'key.list',
    roles: ['admin', 'officer', 'auditor'],
    handle: async () => ({ body: { keys: await keyViews(hub), trustVersion: await trustVersion() } }),
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: KEY_PATHS.rotate,
    action: 'key.rotate',
    roles: ['admin'],
    body: rotateKeyRequestSchema,
    // Keys are made and the trust list refreshed through the hub, each in its own steps.
    selfContained: true,
    handle: async ({ body, staff }) => {
      // The new key must be sealed under the hub's own passphrase, or the hub could never open it:
      // the passphrase given must open the current key first.
      if (!passphraseTries.take(staff.id, hub.now()).ok) throw new ConsoleRefusal(429, 'PASSPHRASE_TRIES', 'too many passphrase tries: wait 15 minutes');
      const current = (await hub.store.keys.list()).find((k) => k.iss === hub.settings.iss && k.current);
      if (current === undefined) throw new ConsoleRefusal(409, 'KEY_NOT_RETIRABLE', 'the hub has no current signing key');
      try {
        unsealKey(current, body.passphrase);
      } catch {
        throw new ConsoleRefusal(403, 'WRONG_PASSPHRASE', 'that is not the hub passphrase');
      }
      const key = await createIssuerKey(hub.store, hub.settings.iss, body.passphrase, hub.now(), hub.settings.demo, body.role);
      const trust = await refreshTrust(hub);
      const view = (await keyViews(hub)).find((k) => k.kid === key.kid);
      if (view === undefined) throw new Error(`the new key ${key.kid} is not stored`);
      return { body: { key: view, trustVersion: trust?.version ?? null }, status: 201, target: key.kid, outcome: `ok:${body.role}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'POST',
    path: '/keys/:kid/retire',
    action: 'key.retire',
    roles: ['admin'],
    params: keyIdParamsSchema,
    targetOf: (p) => p.kid,
    selfContained: true,
    handle: async ({ params }) => {
      const key = (await hub.store.keys.list()).find((k) => k.kid === params.kid);
      if (key === undefined) throw new ConsoleRefusal(404, 'NOT_FOUND', `no key ${params.kid}`);
      if (!retirable(key) || !(await hub.store.keys.retire(params.kid, hub.now()))) {
        throw new ConsoleRefusal(409, 'KEY_NOT_RETIRABLE', `key ${params.kid} is the current key, a trust key, or retired already`);
      }
      const trust = await refreshTrust(hub);
      const view = (await keyViews(hub)).find((k) => k.kid === params.kid);
      if (view === undefined) throw new Error(`key ${params.kid} vanished`);
      return { body: view, outcome: `ok:trust v${trust?.version ?? 'unchanged'}` };
    },
  });

  consoleRoute(app, ctx, {
    method: 'GET',
    path: KEY_PATHS.issuers,
    action: 'issuer.list',
    roles: ['admin', 'officer', 'auditor'],
    handle: async () => {
      const registered = await hub.store.issuers.registered();
      const heads = new Map((await hub.store.bundles.relayedHeads()).map((h) => [h.iss, h.seq]));
      const issuers: IssuerView[] = (await hub.store.issuers.list())
        .filter((i) => i.iss !== hub.settings.iss)
        .map((i) => ({
          iss: i.iss,
          name: i.name,
          keys: i.keys.map((k) => ({ kid: k.kid, usage: k.jinka_use ?? ['card', 'list', 'trust'] })),
          registeredAt: registered.get(i.iss) ?? null,
          relayedSeq: heads.get(i.iss) ?? null,
        }));
      return { body: { issuers } };
    },
  });
}
