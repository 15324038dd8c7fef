import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PublicJwk } from '../../../shared/bundles/bundle-schemas.js';
import { jwkFromPublicKey } from '../../../node/crypto/keys.js';
import type { TerminalStores } from '../terminal-stores.js';
import { writeFileAtomic } from './atomic-file.js';

import { PENDING_KEY_FILE, TERMINAL_KEY_FILE } from '../store/database.js';

/** The key files' names live with the database, which treats them as part of the data folder. */
export { PENDING_KEY_FILE, TERMINAL_KEY_FILE };

/** The data folder of an open terminal: the folder of its SQLite file. */
export function dataDirOf(stores: TerminalStores): string {
  return dirname(stores.db.name);
}

/** A freshly made key pair whose private half is on disk under a pending name until enrolment succeeds. */
export interface PendingTerminalKey {
  privateKey: KeyObject;
  publicJwk: PublicJwk;
  /** Makes the pending key the terminal's key (after the hub accepted it). */
  commit(): void;
  /** Forgets the pending key (the hub refused it). */
  discard(): void;
}

/** Creates the terminal's ES256 key pair; the private key is written with mode 0600 before the public key is sent anywhere. */
export function createTerminalKey(dataDir: string, kid: string): PendingTerminalKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pending = join(dataDir, PENDING_KEY_FILE);
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileAtomic(pending, [pem], 0o600);
  // The mode given to open() is masked by the umask; set it explicitly.
  chmodSync(pending, 0o600);
  return {
    privateKey,
    publicJwk: jwkFromPublicKey(publicKey, kid),
    commit: () => renameSync(pending, join(dataDir, TERMINAL_KEY_FILE)),
    discard: () => rmSync(pending, { force: true }),
  };
}

/** The terminal's private key, or undefined when it is missing or unreadable (enrol again). */
export function loadTerminalKey(dataDir: string): KeyObject | undefined {
  const file = join(dataDir, TERMINAL_KEY_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const key = createPrivateKey(readFileSync(file, 'utf8'));
    return key.asymmetricKeyType === 'ec' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** A key pair made before the terminal's data folder may exist (enrolment by QR on a new terminal): nothing is written until `keep`. */
export interface UnsavedTerminalKey {
  privateKey: KeyObject;
  publicJwk: PublicJwk;
  /** Writes the private key as the terminal's key (0600, whole or not at all), once the hub accepted it. */
  keep(dataDir: string): void;
}

/** Makes the terminal's ES256 key pair in memory; only its public half is sent before `keep`. */
export function newTerminalKey(kid: string): UnsavedTerminalKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey,
    publicJwk: jwkFromPublicKey(publicKey, kid),
    keep: (dataDir) => {
      const file = join(dataDir, TERMINAL_KEY_FILE);
      writeFileAtomic(file, [privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()], 0o600);
      chmodSync(file, 0o600);
      // A pending key of an earlier attempt is forgotten with it.
      rmSync(join(dataDir, PENDING_KEY_FILE), { force: true });
    },
  };
}
