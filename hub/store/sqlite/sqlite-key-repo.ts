import { z } from 'zod';
import { issuerSchema } from '../../../shared/bundles/bundle-schemas.js';
import type { ForeignIssuerRepo, KeyRepo, MetaRepo, StoredKey } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { keyFromRow, type KeyRow } from '../store-rows.js';

/** A row of `signing_keys` as SQLite answers it, `is_current` 0/1. */
type SqliteKeyRow = Omit<KeyRow, 'is_current'> & { is_current: number };

const fromRow = (r: SqliteKeyRow): StoredKey => keyFromRow({ ...r, is_current: r.is_current === 1 });

/** Small settings on SQLite. */
export function sqliteMetaRepo(db: HubDb): MetaRepo {
  return {
    get: (key) => settle(() => db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value),
    set: (key, value) =>
      settle(() => {
        db.prepare<[string, string]>('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
      }),
  };
}

/** The bureau's keys on SQLite; exactly one is current per issuer after a rotation. */
export function sqliteKeyRepo(db: HubDb): KeyRepo {
  const addTx = db.transaction((k: Parameters<KeyRepo['addCurrent']>[0]) => {
    db.prepare<[string]>('UPDATE signing_keys SET is_current = 0 WHERE iss = ?').run(k.iss);
    db.prepare<[string, string, string, string, number]>(
      'INSERT INTO signing_keys(kid, iss, public_jwk, sealed_private, created_ms, is_current) VALUES (?, ?, ?, ?, ?, 1)',
    ).run(k.kid, k.iss, JSON.stringify(k.publicJwk), k.sealedPrivate, k.createdMs);
  });
  // A trust key is never `current` (the current key signs cards and lists); the newest live one signs trust.
  const addTrustTx = db.transaction((k: Parameters<KeyRepo['addTrustKey']>[0]) => {
    db.prepare<[number, string]>("UPDATE signing_keys SET retired_ms = ? WHERE iss = ? AND role = 'trust' AND retired_ms IS NULL").run(k.createdMs, k.iss);
    db.prepare<[string, string, string, string, number]>(
      "INSERT INTO signing_keys(kid, iss, public_jwk, sealed_private, created_ms, is_current, role) VALUES (?, ?, ?, ?, ?, 0, 'trust')",
    ).run(k.kid, k.iss, JSON.stringify(k.publicJwk), k.sealedPrivate, k.createdMs);
  });
  return {
    list: () => settle(() => db.prepare<[], SqliteKeyRow>('SELECT * FROM signing_keys ORDER BY created_ms, kid').all().map(fromRow)),
    addCurrent: (key) => settle(() => addTx.immediate(key)),
    addTrustKey: (key) => settle(() => addTrustTx.immediate(key)),
    markCompromised: (kid, atMs) =>
      settle(
        () =>
          db
            .prepare<[number, number, string]>(
              'UPDATE signing_keys SET compromised_ms = ?, retired_ms = COALESCE(retired_ms, ?), is_current = 0 WHERE kid = ? AND compromised_ms IS NULL',
            )
            .run(atMs, atMs, kid).changes === 1,
      ),
    retire: (kid, atMs) =>
      settle(
        () =>
          db.prepare<[number, string]>("UPDATE signing_keys SET retired_ms = ? WHERE kid = ? AND is_current = 0 AND role = 'signing' AND retired_ms IS NULL").run(atMs, kid)
            .changes === 1,
      ),
  };
}

const keysColumn = z.array(issuerSchema.shape.keys.element).min(1);

/** Issuers whose public keys are published on SQLite. */
export function sqliteForeignIssuerRepo(db: HubDb): ForeignIssuerRepo {
  return {
    list: () =>
      settle(() =>
        db
          .prepare<[], { iss: string; name: string; keys: string }>('SELECT * FROM foreign_issuers ORDER BY iss')
          .all()
          .map((r) => ({ iss: r.iss, name: r.name, keys: keysColumn.parse(JSON.parse(r.keys)) })),
      ),
    put: (issuer, registeredMs) =>
      settle(() => {
        db.prepare<[string, string, string, number | null]>(
          `INSERT INTO foreign_issuers(iss, name, keys, registered_ms) VALUES (?, ?, ?, ?)
           ON CONFLICT(iss) DO UPDATE SET name = excluded.name, keys = excluded.keys, registered_ms = COALESCE(registered_ms, excluded.registered_ms)`,
        ).run(issuer.iss, issuer.name, JSON.stringify(issuer.keys), registeredMs ?? null);
      }),
    registered: () =>
      settle(
        () =>
          new Map(
            db
              .prepare<[], { iss: string; at: number }>('SELECT iss, registered_ms AS at FROM foreign_issuers WHERE registered_ms IS NOT NULL')
              .all()
              .map((r) => [r.iss, r.at]),
          ),
      ),
  };
}
