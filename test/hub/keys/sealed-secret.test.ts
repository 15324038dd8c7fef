import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { initHub } from '../../../hub/hub-init.js';
import { openSecret, PRODUCTION_SCRYPT_COST, sealSecret, WrongPassphraseError } from '../../../hub/keys/sealed-secret.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { cleanupAfterEach, PASSPHRASE, tempDir, testClock, testHub } from '../hub-fixtures.js';

describe('sealSecret / openSecret', () => {
  it('opens what it sealed with the same passphrase and label', () => {
    const secret = randomBytes(48);
    const sealed = sealSecret(secret, 'correct horse battery', 'label-1');
    expect(openSecret(sealed, 'correct horse battery', 'label-1').equals(secret)).toBe(true);
    expect(JSON.parse(sealed)).toMatchObject({ v: 1, kdf: 'scrypt', N: 32768 });
    expect(sealed).not.toContain(secret.toString('base64'));
  });

  it('refuses a wrong passphrase', () => {
    const sealed = sealSecret(randomBytes(32), 'correct horse battery', 'label-1');
    expect(() => openSecret(sealed, 'correct horse batterY', 'label-1')).toThrow(WrongPassphraseError);
  });

  it('refuses a sealed text moved to another purpose (label)', () => {
    const sealed = sealSecret(randomBytes(32), 'correct horse battery', 'key:a');
    expect(() => openSecret(sealed, 'correct horse battery', 'key:b')).toThrow(WrongPassphraseError);
  });

  it('refuses an altered ciphertext', () => {
    const parsed = JSON.parse(sealSecret(randomBytes(32), 'correct horse battery', 'l')) as { ct: string };
    const ct = Buffer.from(parsed.ct, 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(() => openSecret(JSON.stringify({ ...parsed, ct: ct.toString('base64') }), 'correct horse battery', 'l')).toThrow(WrongPassphraseError);
  });

  it('records a cost given by the caller, and opens by the recorded cost whatever it is', () => {
    const secret = randomBytes(32);
    const sealed = sealSecret(secret, 'correct horse battery', 'l', { N: 2 ** 10, r: 8, p: 1 });
    expect(JSON.parse(sealed)).toMatchObject({ N: 1024, r: 8, p: 1 });
    expect(openSecret(sealed, 'correct horse battery', 'l').equals(secret)).toBe(true);
    expect(() => openSecret(sealed, 'correct horse batterY', 'l')).toThrow(WrongPassphraseError);
  });

  it('refuses a cost below 2^10, not a power of two, or beyond the bounds, both to seal and to open', () => {
    for (const cost of [{ N: 512, r: 8, p: 1 }, { N: 3000, r: 8, p: 1 }, { N: 2 ** 21, r: 8, p: 1 }, { N: 1024, r: 0, p: 1 }, { N: 1024, r: 8, p: 17 }]) {
      expect(() => sealSecret(randomBytes(32), 'correct horse battery', 'l', cost)).toThrow();
      const forged = { ...(JSON.parse(sealSecret(randomBytes(32), 'correct horse battery', 'l', { N: 1024, r: 8, p: 1 })) as object), ...cost };
      expect(() => openSecret(JSON.stringify(forged), 'correct horse battery', 'l')).toThrow();
    }
  });
});

describe('hub keys at rest', () => {
  const later = cleanupAfterEach();

  it('a hub created as the command line creates it (no cost given) seals every secret at the production cost, 2^15 / 8 / 1', async () => {
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const { dir, cleanup } = tempDir();
    later(cleanup);
    const hub = await initHub(join(dir, 'hub'), PASSPHRASE, { clock: testClock() });
    later(() => hub.close());
    const sealed = [(await hub.store.meta.get('hub_secret')) ?? '', ...(await hub.store.keys.list()).map((k) => k.sealedPrivate)];
    expect(sealed).toHaveLength(3);
    for (const text of sealed) expect(JSON.parse(text)).toMatchObject({ kdf: 'scrypt', N: 32768, r: 8, p: 1 });
  });

  it('a test hub seals at the cheap cost its fixture injects, and reopens at it', async () => {
    const made = await testHub();
    later(made.cleanup);
    for (const key of await made.hub.store.keys.list()) expect(JSON.parse(key.sealedPrivate)).toMatchObject({ N: 1024 });
    expect(JSON.parse((await made.hub.store.meta.get('hub_secret')) ?? '')).toMatchObject({ N: 1024 });
  });

  it('reopens with the passphrase and refuses a wrong one', async () => {
    const made = await testHub();
    later(made.cleanup);
    const kid = (await made.hub.signer()).kid;
    await made.hub.close();
    const reopened = await Hub.open(made.dataDir, PASSPHRASE);
    expect((await reopened.signer()).kid).toBe(kid);
    await reopened.close();
    await expect(Hub.open(made.dataDir, 'not-the-passphrase')).rejects.toThrow(WrongPassphraseError);
    made.hub = await Hub.open(made.dataDir, PASSPHRASE);
  });

  it('keeps no private key in clear in the database file', async () => {
    const made = await testHub();
    later(made.cleanup);
    const key = await made.hub.signer();
    const d = key.privateKey.export({ format: 'jwk' }).d as string;
    const pem = key.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    await made.hub.close();
    const file = readFileSync(join(made.dataDir, HUB_DB_FILE)).toString('latin1');
    const wal = (() => {
      try {
        return readFileSync(join(made.dataDir, `${HUB_DB_FILE}-wal`)).toString('latin1');
      } catch {
        return '';
      }
    })();
    for (const text of [file, wal]) {
      expect(text).not.toContain(d);
      expect(text).not.toContain(pem.slice(0, 40));
    }
    made.hub = await Hub.open(made.dataDir, PASSPHRASE);
  });
});
