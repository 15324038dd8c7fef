import type { BundleRepo, RelayedBundle, RevocationRepo, VersionedBundle } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

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

/** Versioned and relayed bundles on SQLite (statements prepared once: every sync round asks). */
export function sqliteBundleRepo(db: HubDb): BundleRepo {
  const latest = db.prepare<[string], VersionRow>('SELECT * FROM versioned_bundles WHERE typ = ? ORDER BY version DESC LIMIT 1');
  const latestVersion = db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM versioned_bundles WHERE typ = ?');
  const after = db.prepare<[string, number], VersionRow>('SELECT * FROM versioned_bundles WHERE typ = ? AND version > ? ORDER BY version');
  const put = db.prepare<[string, number, string, string, number]>('INSERT OR IGNORE INTO versioned_bundles(typ, version, body, jws, created_ms) VALUES (?, ?, ?, ?, ?)');
  const putRelayed = db.prepare<[string, number, number, string]>('INSERT OR REPLACE INTO relayed_bundles(iss, seq, base, jws) VALUES (?, ?, ?, ?)');
  const heads = db.prepare<[], { iss: string; seq: number }>('SELECT iss, MAX(seq) AS seq FROM relayed_bundles GROUP BY iss ORDER BY iss');
  const relayed = db.prepare<[string], RelayedBundle>('SELECT iss, seq, base, jws FROM relayed_bundles WHERE iss = ? ORDER BY seq');
  return {
    latest: (typ) =>
      settle(() => {
        const row = latest.get(typ);
        return row && fromRow(row);
      }),
    latestVersion: (typ) => settle(() => latestVersion.get(typ)?.v ?? undefined),
    after: (typ, version) => settle(() => after.all(typ, version).map(fromRow)),
    put: (b) => settle(() => put.run(b.typ, b.version, b.body, b.jws, b.createdMs).changes === 1),
    putRelayed: (b) => settle(() => void putRelayed.run(b.iss, b.seq, b.base, b.jws)),
    relayedHeads: () => settle(() => heads.all()),
    relayed: (iss) => settle(() => relayed.all(iss)),
  };
}

/** Notes when a revocation sequence was made; call inside the transaction that bumps it. */
export function noteSeq(db: HubDb, iss: string, seq: number, createdMs: number): void {
  db.prepare<[string, number, number]>('INSERT OR IGNORE INTO revocation_seqs(iss, seq, created_ms) VALUES (?, ?, ?)').run(iss, seq, createdMs);
}

/** Revocation heads and entries on SQLite. */
export function sqliteRevocationRepo(db: HubDb): RevocationRepo {
  const head = db.prepare<[string], { iss: string; seq: number; bumped_ms: number }>('SELECT * FROM revocation_heads WHERE iss = ?');
  const read = (iss: string) => {
    const row = head.get(iss);
    return row && { iss: row.iss, seq: row.seq, bumpedMs: row.bumped_ms };
  };
  const heartbeatTx = db.transaction((iss: string, olderThanMs: number, nowMs: number) => {
    const bumped = db
      .prepare<[number, string, number], { seq: number }>('UPDATE revocation_heads SET seq = seq + 1, bumped_ms = ? WHERE iss = ? AND bumped_ms < ? RETURNING seq')
      .get(nowMs, iss, nowMs - olderThanMs);
    if (bumped !== undefined) noteSeq(db, iss, bumped.seq, nowMs);
    return read(iss);
  });
  return {
    head: (iss) => settle(() => read(iss)),
    createdAt: (iss, seq) =>
      settle(() => db.prepare<[string, number], { created_ms: number }>('SELECT created_ms FROM revocation_seqs WHERE iss = ? AND seq = ?').get(iss, seq)?.created_ms),
    start: (iss, atMs) =>
      settle(() => {
        if (db.prepare<[string, number]>('INSERT OR IGNORE INTO revocation_heads(iss, seq, bumped_ms) VALUES (?, 1, ?)').run(iss, atMs).changes === 1) noteSeq(db, iss, 1, atMs);
        const started = read(iss);
        if (started === undefined) throw new Error(`cannot start the revocation list of ${iss}`);
        return started;
      }),
    since: (iss, seq) =>
      settle(() =>
        db
          .prepare<[string, number], { sub: string; seq: number; at: number; reason: string }>(
            'SELECT sub, seq, at, reason FROM revocations WHERE iss = ? AND seq > ? ORDER BY seq, sub',
          )
          .all(iss, seq),
      ),
    heartbeat: (iss, olderThanMs, nowMs) => settle(() => heartbeatTx.immediate(iss, olderThanMs, nowMs)),
  };
}
