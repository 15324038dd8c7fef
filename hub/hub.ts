import { createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { BUREAU_ISS } from '../shared/bundles/bundle-schemas.js';
import { rulesSchema, type Rules } from '../shared/rules/rules-schema.js';
import type { IssuerKey } from '../node/crypto/card-token.js';
import { unsealKey } from './keys/key-ring.js';
import { openSecret } from './keys/sealed-secret.js';
import { STAFF_LOG_KEY_LABEL, type HubStore } from './store/hub-store.js';
import { openHubStore } from './store/open-hub-store.js';

/** Label of the sealed hub secret (the HMAC key for ID numbers). */
export const SECRET_LABEL = 'jinka-hub:id-hmac-secret';

/** What a hub is: fixed at `init`. */
export const hubSettingsSchema = z.strictObject({
  /** The issuer this hub signs for (the bureau). */
  iss: z.string().min(1).max(64),
  bureauName: z.string().min(1).max(200),
  /** Card numbers are PREFIX-TIER-NNNNNN (LC-A-000123); a demo hub uses DEMO-LC. */
  cardPrefix: z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/),
  demo: z.boolean(),
});
/** A hub's settings. */
export type HubSettings = z.infer<typeof hubSettingsSchema>;

/** Default settings of the bureau's hub. */
export const BUREAU_SETTINGS: HubSettings = { iss: BUREAU_ISS, bureauName: '聊城市人力资源和社会保障局', cardPrefix: 'LC', demo: false };

/** The data folder holds no hub yet. */
export class HubNotInitializedError extends Error {}

/**
 * An opened hub: its store, settings, clock and the unsealed secrets. The passphrase is
 * kept in memory so a running server can open a key rotated by the command line.
 */
export class Hub {
  private readonly keys = new Map<string, IssuerKey>();
  private rulesCache: { version: number; rules: Rules } | undefined;

  private constructor(
    readonly store: HubStore,
    readonly settings: HubSettings,
    private readonly secret: Buffer,
    private readonly passphrase: string,
    private readonly clock: () => number,
  ) {}

  /**
   * Opens the hub in `dataDir`, or in the PostgreSQL database `databaseUrl` names
   * (store/open-hub-store.ts); a wrong passphrase throws WrongPassphraseError.
   */
  static async open(dataDir: string, passphrase: string, clock: () => number = Date.now, databaseUrl?: string): Promise<Hub> {
    const store = await openHubStore(dataDir, databaseUrl);
    try {
      return await Hub.fromStore(store, passphrase, clock);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /** Opens a hub on a store that is already open. */
  static async fromStore(store: HubStore, passphrase: string, clock: () => number = Date.now): Promise<Hub> {
    const settingsText = await store.meta.get('settings');
    const sealed = await store.meta.get('hub_secret');
    if (settingsText === undefined || sealed === undefined) throw new HubNotInitializedError('this data folder holds no hub yet: run `jinka-hub init` first');
    const settings = hubSettingsSchema.parse(JSON.parse(settingsText));
    const hub = new Hub(store, settings, openSecret(sealed, passphrase, SECRET_LABEL), passphrase, clock);
    store.keyStaffLog(hub.derivedKey(STAFF_LOG_KEY_LABEL));
    await hub.signer();
    return hub;
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /** The hub's clock (UTC ms). */
  now(): number {
    return this.clock();
  }

  /** The hub's clock as a NumericDate. */
  nowSec(): number {
    return Math.floor(this.clock() / 1000);
  }

  /**
   * The keyed hash under which a holder's ID number is kept: HMAC-SHA256 with the hub secret
   * (sealed under the passphrase), so the database alone does not let anyone test ID numbers.
   */
  idHmac(normalizedIdNumber: string): string {
    return createHmac('sha256', this.secret).update(normalizedIdNumber, 'utf8').digest('hex');
  }

  /**
   * A 256-bit key for one purpose (`label`), derived from the hub secret with HKDF-SHA256:
   * the console's TOTP secrets are encrypted under one, so the database alone does not give them.
   */
  derivedKey(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.secret, Buffer.alloc(0), label, 32));
  }

  /** The current signing key of this hub's issuer (a key rotated meanwhile is picked up). */
  async signer(): Promise<IssuerKey> {
    const current = (await this.store.keys.list()).find((k) => k.iss === this.settings.iss && k.current);
    if (current === undefined) throw new Error('the hub has no signing key: run `jinka-hub key create`');
    return this.unlock(current.kid);
  }

  /** Opens one of the hub's keys by key id. */
  async unlock(kid: string): Promise<IssuerKey> {
    const cached = this.keys.get(kid);
    if (cached !== undefined) return cached;
    const stored = (await this.store.keys.list()).find((k) => k.kid === kid);
    if (stored === undefined) throw new Error(`no key ${kid}`);
    const key = unsealKey(stored, this.passphrase);
    this.keys.set(kid, key);
    return key;
  }

  /** The rules in force at the hub: the latest published jinka/rules bundle. */
  async rules(): Promise<{ version: number; rules: Rules }> {
    const version = await this.store.bundles.latestVersion('jinka/rules');
    if (this.rulesCache !== undefined && this.rulesCache.version === version) return this.rulesCache;
    const latest = await this.store.bundles.latest('jinka/rules');
    if (latest === undefined) throw new Error('the hub has published no rules yet: run `jinka-hub init`');
    this.rulesCache = { version: latest.version, rules: rulesSchema.parse(JSON.parse(latest.body)) };
    return this.rulesCache;
  }
}
