import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quotaResponseSchema } from '../../shared/sync/sync-protocol.js';
import { Hub } from '../../hub/hub.js';
import { issueCards, revokeCards } from '../../hub/issue/card-issuer.js';
import { openPgPool } from '../../hub/store/postgres/pg-database.js';
import { auditChains, pgSource } from '../../hub/store/postgres/pg-copy-source.js';
import { authHeader } from '../bench/hub-bench-data.js';
import { holder } from '../hub/hub-fixtures.js';
import {
  newUploadLog,
  PG_HUB_PASSPHRASE,
  pgHubWorld,
  revocationSeqSeen,
  startHubProcess,
  storedState,
  uploadUntilAcknowledged,
  type HubProcess,
  type PgHubWorld,
  type UploadLog,
} from './support/pg-hub-processes.js';

/**
 * Faults with real hub processes on one real PostgreSQL database (README "The hub on
 * PostgreSQL", Reliability): two processes taking the same uploads at once while cards are
 * issued and revoked, the database restarted mid-upload, a process killed mid-transaction.
 * Each case builds its own private cluster and stays under a minute on two busy cores.
 */

let world: PgHubWorld | undefined;
const processes: HubProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop('SIGKILL');
  await world?.cleanup();
  world = undefined;
});

const sum = (logs: UploadLog[], key: 'accepted' | 'duplicates' | 'unavailable' | 'offline') => logs.reduce((n, l) => n + l[key], 0);

/** Every terminal's stored chain, re-hashed and re-linked in the database (nothing edited, nothing half-written). */
async function chainsIntact(w: PgHubWorld): Promise<{ terminals: number; broken: string[] }> {
  const pool = openPgPool(w.url, { maxConnections: 1 });
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const chains = await auditChains(pgSource(client, () => new Set(['terminal_id'])));
    await client.query('COMMIT');
    const broken = [...chains].filter(([, c]) => c.badHashes.length + c.badLinks.length > 0).map(([id]) => id);
    return { terminals: chains.size, broken };
  } finally {
    client.release();
    await pool.end();
  }
}

/** The uses the quota feed hands a reader, paged through the hub processes in turn: their ids and cursors. */
async function readFeed(w: PgHubWorld, urls: string[]): Promise<{ ids: string[]; cursors: number[] }> {
  const ids: string[] = [];
  const cursors: number[] = [];
  let since = 0;
  for (let page = 0; ; page += 1) {
    const target = `/v1/quota?since=${since}&limit=500`;
    const response = await fetch(`${urls[page % urls.length] as string}${target}`, { headers: { authorization: authHeader(w.reader, { method: 'GET', target }) } });
    expect(response.status).toBe(200);
    const body = quotaResponseSchema.parse(await response.json());
    ids.push(...body.uses.map((u) => u.id));
    cursors.push(body.cursor);
    since = body.cursor;
    if (!body.more) return { ids, cursors };
  }
}

describe('two hub processes on one PostgreSQL database', () => {
  it('20 terminals uploading through both at once (each batch to both), cards issued and revoked meanwhile: every use stored and counted once, no serial twice, every terminal at one revocation sequence', async () => {
    world = await pgHubWorld({ terminals: 20, batches: 2, usesPerBatch: 15 });
    const w = world;
    const [a, b] = await Promise.all([startHubProcess(w.url, w.dataDir), startHubProcess(w.url, w.dataDir)]);
    processes.push(a, b);
    const urls = [a.url, b.url];
    const [head] = await w.sql("SELECT seq FROM revocation_heads WHERE iss = 'lc-hrss'");
    const headBefore = Number(head?.seq);

    // Two more connections to the database issue and revoke while the uploads run (one in each pool).
    const officers = await Promise.all([0, 1].map(() => Hub.open(join(w.dataDir, 'unused'), PG_HUB_PASSPHRASE, Date.now, w.url)));
    const deadline = Date.now() + 50_000;
    const logs = w.terminals.map(() => newUploadLog());
    try {
      const uploads = Promise.all(
        w.terminals.map(async (t, i) => {
          for (const batch of t.batches) {
            // The same batch through both processes at once: a retried upload racing its first try.
            await Promise.all([uploadUntilAcknowledged(t, batch, () => urls, logs[i] as UploadLog, deadline, 150, 0), uploadUntilAcknowledged(t, batch, () => urls, logs[i] as UploadLog, deadline, 150, 1)]);
          }
        }),
      );
      const office = Promise.all(
        officers.map(async (hub, o) => {
          for (let k = 0; k < 4; k += 1) {
            const issued = await issueCards(hub, [holder(100 + o * 10 + k)]);
            expect(issued.ok).toBe(true);
            const revoked = await revokeCards(hub, [w.subs[o * 10 + k] as string], 'lost');
            expect(revoked.ok).toBe(true);
          }
        }),
      );
      await Promise.all([uploads, office]);
    } finally {
      await Promise.all(officers.map((h) => h.close()));
    }

    const expectedEntries = w.terminals.reduce((n, t) => n + t.uses * 2, 0);
    const expectedUses = w.terminals.reduce((n, t) => n + t.uses, 0);
    expect(logs.flatMap((l) => l.other)).toEqual([]);
    // Each entry acknowledged as new at most once over both processes, the other copies as duplicates
    // (an answer a terminal gave up waiting for is retried and then counts as a duplicate).
    expect(sum(logs, 'accepted')).toBeLessThanOrEqual(expectedEntries);
    expect(sum(logs, 'accepted') + sum(logs, 'duplicates')).toBeGreaterThanOrEqual(2 * expectedEntries);
    if (sum(logs, 'offline') === 0) expect(sum(logs, 'accepted')).toBe(expectedEntries);
    const state = await storedState(w);
    expect(state.entries).toBe(expectedEntries);
    expect(state.uses).toBe(expectedUses);
    expect(state.useEntries).toBe(expectedUses);
    expect(state.cursorsOk).toBe(true);
    expect((await chainsIntact(w)).broken).toEqual([]);

    // No serial twice: 200 seeded + 8 issued, all distinct.
    const [cards] = await w.sql('SELECT count(*) AS n, count(DISTINCT serial) AS d FROM cards');
    expect([Number(cards?.n), Number(cards?.d)]).toEqual([208, 208]);
    // One revocation sequence bump per revoke, and every terminal, through either process, sees that sequence.
    const [after] = await w.sql("SELECT seq FROM revocation_heads WHERE iss = 'lc-hrss'");
    expect(Number(after?.seq)).toBe(headBefore + 8);
    const seen = await Promise.all(w.terminals.map((t, i) => revocationSeqSeen(t, urls[i % 2] as string)));
    expect(new Set(seen)).toEqual(new Set([headBefore + 8]));

    // The quota feed, read through both processes in turn: each use once, cursors only forward.
    const feed = await readFeed(w, urls);
    expect(new Set(feed.ids).size).toBe(feed.ids.length);
    expect(feed.cursors).toEqual([...feed.cursors].sort((x, y) => x - y));
    const [counted] = await w.sql("SELECT count(*) AS n FROM uses WHERE refused IS NULL AND terminal_id <> $1 AND service = 'cinema'", [w.reader.id]);
    expect(feed.ids.length).toBeGreaterThanOrEqual(Number(counted?.n));
  }, 90_000);
});

describe('PostgreSQL restarted in the middle of uploads', () => {
  it('terminals meet 503 or a cut connection, retry, and nothing is lost or doubled', async () => {
    world = await pgHubWorld({ terminals: 10, batches: 4, usesPerBatch: 15 });
    const w = world;
    const [a, b] = await Promise.all([startHubProcess(w.url, w.dataDir), startHubProcess(w.url, w.dataDir)]);
    processes.push(a, b);
    const urls = [a.url, b.url];
    const deadline = Date.now() + 50_000;
    const logs = w.terminals.map(() => newUploadLog());
    let acknowledged = 0;
    const uploads = Promise.all(
      w.terminals.map(async (t, i) => {
        for (const batch of t.batches) {
          await uploadUntilAcknowledged(t, batch, () => urls, logs[i] as UploadLog, deadline, 200, i);
          acknowledged += 1;
        }
      }),
    );
    // Restart once some batches are in and others on their way.
    while (acknowledged < 5) await new Promise((done) => setTimeout(done, 20));
    const restartedAt = acknowledged;
    await w.cluster.restart();
    // Both hub processes live through it (a connection cut inside a unit once ended the process).
    await new Promise((done) => setTimeout(done, 500));
    for (const p of [a, b]) expect([p.child.exitCode, p.child.signalCode, p.stderr().includes('Unhandled')]).toEqual([null, null, false]);
    await uploads;

    expect(restartedAt).toBeLessThan(w.terminals.length * 4);
    expect(logs.flatMap((l) => l.other)).toEqual([]);
    // The restart was seen: some uploads were answered 503 (UNAVAILABLE) and retried.
    expect(sum(logs, 'unavailable') + sum(logs, 'offline')).toBeGreaterThan(0);
    const expectedEntries = w.terminals.reduce((n, t) => n + t.uses * 2, 0);
    const state = await storedState(w);
    expect(state.entries).toBe(expectedEntries);
    expect(state.uses).toBe(w.terminals.reduce((n, t) => n + t.uses, 0));
    expect(state.useEntries).toBe(state.uses);
    expect(state.cursorsOk).toBe(true);
    // A retry of a batch whose commit landed before the cut counts its entries as duplicates, never twice.
    expect(sum(logs, 'accepted')).toBeLessThanOrEqual(expectedEntries);
    expect((await chainsIntact(w)).broken).toEqual([]);
    // Both processes serve again without a restart of their own.
    for (const url of urls) expect(await revocationSeqSeen(w.reader, url)).toBeGreaterThan(0);
  }, 90_000);
});

describe('a hub process killed (SIGKILL) in the middle of a transaction', () => {
  it('leaves nothing half-written: every terminal’s entries are 1..cursor with their uses, chains intact; the other process takes the retries', async () => {
    world = await pgHubWorld({ terminals: 8, batches: 3, usesPerBatch: 60 });
    const w = world;
    const [a, b] = await Promise.all([startHubProcess(w.url, w.dataDir), startHubProcess(w.url, w.dataDir)]);
    processes.push(a, b);
    // Everything goes to A first; once a transaction of A's is open, A is killed.
    let alive = [a.url];
    const deadline = Date.now() + 50_000;
    const logs = w.terminals.map(() => newUploadLog());
    const uploads = Promise.all(
      w.terminals.map(async (t, i) => {
        for (const batch of t.batches) await uploadUntilAcknowledged(t, batch, () => alive, logs[i] as UploadLog, deadline, 100);
      }),
    );
    let open = 0;
    for (let tries = 0; open === 0 && tries < 2000; tries += 1) {
      const [row] = await w.sql("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'jinka-hub' AND xact_start IS NOT NULL AND state <> 'idle'");
      open = Number(row?.n);
    }
    expect(open).toBeGreaterThan(0);
    await a.stop('SIGKILL');
    // Before any retry lands: what A left behind.
    const left = await storedState(w);
    expect(left.cursorsOk).toBe(true);
    expect(left.uses).toBe(left.useEntries);
    expect(left.entries).toBeLessThan(w.terminals.reduce((n, t) => n + t.uses * 2, 0));
    expect((await chainsIntact(w)).broken).toEqual([]);

    // The terminals retry through B (a proxy would route around the dead process).
    alive = [b.url];
    await uploads;
    expect(sum(logs, 'offline')).toBeGreaterThan(0);
    expect(logs.flatMap((l) => l.other)).toEqual([]);
    const state = await storedState(w);
    expect(state.entries).toBe(w.terminals.reduce((n, t) => n + t.uses * 2, 0));
    expect(state.uses).toBe(w.terminals.reduce((n, t) => n + t.uses, 0));
    expect(state.useEntries).toBe(state.uses);
    expect(state.cursorsOk).toBe(true);
    expect((await chainsIntact(w)).broken).toEqual([]);
  }, 90_000);
});
