import { z } from 'zod';
import { issuerSchema } from '../../../shared/bundles/bundle-schemas.js';
import type { ForeignIssuerRepo, KeyRepo, MetaRepo } from '../hub-store.js';
import { keyFromRow, type KeyRow } from '../store-rows.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';

/** Small settings on PostgreSQL. */
export function pgMetaRepo(sql: Sql): MetaRepo {
  return {
    get: async (key) => (await first<{ value: string }>(sql, 'SELECT value FROM meta WHERE key = $1', [key]))?.value,
    set: async (key, value) => {
      await sql.query('INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
    },
  };
}

/** The bureau's keys on PostgreSQL; each multi-statement method runs inside the caller's unit. */
export function pgKeyRepo(sql: Sql): KeyRepo {
  return {
    list: async () => (await rows<KeyRow>(sql, 'SELECT * FROM signing_keys ORDER BY created_ms, kid')).map(keyFromRow),
    addCurrent: async (k) => {
      await sql.query('UPDATE signing_keys SET is_current = FALSE WHERE iss = $1', [k.iss]);
      await sql.query('INSERT INTO signing_keys(kid, iss, public_jwk, sealed_private, created_ms, is_current) VALUES ($1, $2, $3, $4, $5, TRUE)', [
        k.kid,
        k.iss,
        JSON.stringify(k.publicJwk),
        k.sealedPrivate,
        k.createdMs,
      ]);
    },
    // A trust key is never `current` (the current key signs cards and lists); the newest live one signs trust.
    addTrustKey: async (k) => {
      await sql.query("UPDATE signing_keys SET retired_ms = $1 WHERE iss = $2 AND role = 'trust' AND retired_ms IS NULL", [k.createdMs, k.iss]);
      await sql.query("INSERT INTO signing_keys(kid, iss, public_jwk, sealed_private, created_ms, is_current, role) VALUES ($1, $2, $3, $4, $5, FALSE, 'trust')", [
        k.kid,
        k.iss,
        JSON.stringify(k.publicJwk),
        k.sealedPrivate,
        k.createdMs,
      ]);
    },
    markCompromised: async (kid, atMs) =>
      (await changes(
        sql,
        'UPDATE signing_keys SET compromised_ms = $1, retired_ms = COALESCE(retired_ms, $1), is_current = FALSE WHERE kid = $2 AND compromised_ms IS NULL',
        [atMs, kid],
      )) === 1,
    retire: async (kid, atMs) =>
      (await changes(sql, "UPDATE signing_keys SET retired_ms = $1 WHERE kid = $2 AND NOT is_current AND role = 'signing' AND retired_ms IS NULL", [atMs, kid])) === 1,
  };
}

const keysColumn = z.array(issuerSchema.shape.keys.element).min(1);

/** Issuers whose public keys are published, on PostgreSQL. */
export function pgForeignIssuerRepo(sql: Sql): ForeignIssuerRepo {
  return {
    list: async () =>
      (await rows<{ iss: string; name: string; keys: string }>(sql, 'SELECT iss, name, keys FROM foreign_issuers ORDER BY iss')).map((r) => ({
        iss: r.iss,
        name: r.name,
        keys: keysColumn.parse(JSON.parse(r.keys)),
      })),
    put: async (issuer, registeredMs) => {
      await sql.query(
        `INSERT INTO foreign_issuers(iss, name, keys, registered_ms) VALUES ($1, $2, $3, $4)
         ON CONFLICT (iss) DO UPDATE SET name = EXCLUDED.name, keys = EXCLUDED.keys, registered_ms = COALESCE(foreign_issuers.registered_ms, EXCLUDED.registered_ms)`,
        [issuer.iss, issuer.name, JSON.stringify(issuer.keys), registeredMs ?? null],
      );
    },
    registered: async () =>
      new Map((await rows<{ iss: string; at: number }>(sql, 'SELECT iss, registered_ms AS at FROM foreign_issuers WHERE registered_ms IS NOT NULL')).map((r) => [r.iss, r.at])),
  };
}
