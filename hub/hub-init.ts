import { randomBytes } from 'node:crypto';
import { DEFAULT_RULES_INPUT } from '../shared/rules/default-rules.js';
import type { RulesInput } from '../shared/rules/rules-schema.js';
import { BUREAU_SETTINGS, Hub, SECRET_LABEL, hubSettingsSchema, type HubSettings } from './hub.js';
import { createIssuerKey, MIN_PASSPHRASE_LENGTH } from './keys/key-ring.js';
import { sealSecret, type ScryptCost } from './keys/sealed-secret.js';
import { publishRules, refreshTrust } from './publish/versioned-bundles.js';
import { openHubStore } from './store/open-hub-store.js';
import { describeDatabase } from './store/postgres/pg-database.js';

/** The data folder already holds a hub. */
export class HubExistsError extends Error {}

/** What `init` may set. */
export interface InitOptions {
  settings?: Partial<HubSettings>;
  /** Rules to publish as version 1 instead of the built-in default (validated by rulesSchema). */
  rules?: RulesInput;
  clock?: () => number;
  /** A postgres:// connection string: the hub's store is that database (made empty by its owner), not a SQLite file in `dataDir`. */
  databaseUrl?: string;
  /**
   * The scrypt cost the hub's secrets are sealed with (each sealed text records it). Only for a
   * throw-away hub created in-process by a test fixture; the command line never sets it, so every
   * real hub seals with PRODUCTION_SCRYPT_COST.
   */
  sealCost?: ScryptCost;
}

/**
 * Creates a hub in `dataDir`: the settings, a fresh secret for keyed ID hashes, the bureau's
 * trust key and first signing key, an empty revocation list at sequence 1, rules version 1 and trust version 1.
 * Secrets are sealed under the passphrase; nothing is written unsealed.
 */
export async function initHub(dataDir: string, passphrase: string, options: InitOptions = {}): Promise<Hub> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const clock = options.clock ?? Date.now;
  const store = await openHubStore(dataDir, options.databaseUrl, { create: true });
  try {
    if ((await store.meta.get('settings')) !== undefined) throw new HubExistsError(`${options.databaseUrl ? describeDatabase(options.databaseUrl) : dataDir} already holds a hub`);
    const settings = hubSettingsSchema.parse({ ...BUREAU_SETTINGS, ...options.settings });
    await store.meta.set('hub_secret', sealSecret(randomBytes(32), passphrase, SECRET_LABEL, options.sealCost));
    // §5 key usage: a trust key that signs only trust bundles, and the current key for cards and lists.
    await createIssuerKey(store, settings.iss, passphrase, clock(), settings.demo, 'trust', options.sealCost);
    await createIssuerKey(store, settings.iss, passphrase, clock(), settings.demo, 'signing', options.sealCost);
    await store.revocations.start(settings.iss, clock());
    await store.meta.set('settings', JSON.stringify(settings));
    const hub = await Hub.fromStore(store, passphrase, clock);
    await publishRules(hub, options.rules ?? DEFAULT_RULES_INPUT);
    await refreshTrust(hub);
    return hub;
  } catch (error) {
    await store.close();
    throw error;
  }
}
