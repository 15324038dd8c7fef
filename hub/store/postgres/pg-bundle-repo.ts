import type { BundleRepo, RelayedBundle, RevocationHead, RevocationRepo, VersionedBundle } from '../hub-store.js';
import { first, rows, type Sql } from './pg-unit-of-work.js';

interface VersionRow {
  typ: string;
  version: number;
  body: string;
  jws: string;
  created_ms: number;
}

const fromRow = (r: VersionRow): VersionedBundle => {
  if (r.typ !== 'jinka/rules' && r.typ !== 'jinka/trust') throw new Error(`bundle row with typ ${r.typ}`);
  return { typ: r.typ, version: r.version, body: r.body, jws: r.jws, createdMs: r.created_ms };
};

/** Versioned and relayed bundles on PostgreSQL; a version is stored once (its primary key). */
export function pgBundleRepo(sql: Sql): BundleRepo {
  return {
    latest: async (typ) => {
      const row = await first<VersionRow>(sql, 'SELECT * FROM versioned_bundles WHERE typ = $1 ORDER BY version DESC LIMIT 1', [typ]);
      return row && fromRow(row);
    },
    latestVersion: async (typ) => (await first<{ v: number | null }>(sql, 'SELECT MAX(version) AS v FROM versioned_bundles WHERE typ = $1', [typ]))?.v ?? undefined,
    after: async (typ, version) => (await rows<VersionRow>(sql, 'SELECT * FROM versioned_bundles WHERE typ = $1 AND version > $2 ORDER BY version', [typ, version])).map(fromRow),
    put: async (b) =>
      ((await sql.query('INSERT INTO versioned_bundles(typ, version, body, jws, created_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [b.typ, b.version, b.body, b.jws, b.createdMs]))
        .rowCount ?? 0) === 1,
    putRelayed: async (b) => {
      await sql.query('INSERT INTO relayed_bundles(iss, seq, base, jws) VALUES ($1, $2, $3, $4) ON CONFLICT (iss, seq) DO UPDATE SET base = EXCLUDED.base, jws = EXCLUDED.jws', [
        b.iss,
        b.seq,
        b.base,
        b.jws,
      ]);
    },
    relayedHeads: () => rows<{ iss: string; seq: number }>(sql, 'SELECT iss, MAX(seq) AS seq FROM relayed_bundles GROUP BY iss ORDER BY iss'),
    relayed: (iss) => rows<RelayedBundle>(sql, 'SELECT iss, seq, base, jws FROM relayed_bundles WHERE iss = $1 ORDER BY seq', [iss]),
  };
}

/** Notes when a revocation sequence was made; call inside the unit that bumps it. */
export async function noteSeq(sql: Sql, iss: string, seq: number, createdMs: number): Promise<void> {
  await sql.query('INSERT INTO revocation_seqs(iss, seq, created_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [iss, seq, createdMs]);
}

const readHead = async (sql: Sql, iss: string): Promise<RevocationHead | undefined> => {
  const row = await first<{ iss: string; seq: number; bumped_ms: number }>(sql, 'SELECT iss, seq, bumped_ms FROM revocation_heads WHERE iss = $1', [iss]);
  return row && { iss: row.iss, seq: row.seq, bumpedMs: row.bumped_ms };
};

/** Revocation heads and entries on PostgreSQL: every bump is an UPDATE of the issuer's head row (locked to commit). */
export function pgRevocationRepo(sql: Sql): RevocationRepo {
  return {
    head: (iss) => readHead(sql, iss),
    createdAt: async (iss, seq) => (await first<{ created_ms: number }>(sql, 'SELECT created_ms FROM revocation_seqs WHERE iss = $1 AND seq = $2', [iss, seq]))?.created_ms,
    start: async (iss, atMs) => {
      const made = await sql.query('INSERT INTO revocation_heads(iss, seq, bumped_ms) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [iss, atMs]);
      if (made.rowCount === 1) await noteSeq(sql, iss, 1, atMs);
      const started = await readHead(sql, iss);
      if (started === undefined) throw new Error(`cannot start the revocation list of ${iss}`);
      return started;
    },
    since: (iss, seq) =>
      rows<{ sub: string; seq: number; at: number; reason: string }>(sql, 'SELECT sub, seq, at, reason FROM revocations WHERE iss = $1 AND seq > $2 ORDER BY seq, sub', [iss, seq]),
    heartbeat: async (iss, olderThanMs, nowMs) => {
      const bumped = await first<{ seq: number }>(sql, 'UPDATE revocation_heads SET seq = seq + 1, bumped_ms = $1 WHERE iss = $2 AND bumped_ms < $3 RETURNING seq', [
        nowMs,
        iss,
        nowMs - olderThanMs,
      ]);
      if (bumped !== undefined) await noteSeq(sql, iss, bumped.seq, nowMs);
      return readHead(sql, iss);
    },
  };
}
