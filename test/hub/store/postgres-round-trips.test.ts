import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../../hub/server/hub-server.js';
import { authHeader } from '../../bench/hub-bench-data.js';
import { PG_HUB_PASSPHRASE, pgHubWorld, type PgHubWorld } from '../../sync/support/pg-hub-processes.js';

/**
 * What a terminal's request costs the PostgreSQL store, counted (README "The hub on
 * PostgreSQL", the benchmark): every statement is a round trip to a database backend, and
 * every commit that wrote waits for its WAL to reach the disk, so these counts, not a time on
 * a shared machine, are what the idle sync and the ingest are held to. Two hub "processes"
 * (two hubs, each with its own pool and server) on one database.
 */

/** The statements sent while `counting` (pg.Client#query is what the pools and units call). */
const sent: string[] = [];
let counting = false;
/**
 * Waits: how often a statement was sent while none was in flight. Statements sent together
 * (on several pooled connections) are waited for as one; a statement sent after the answer to
 * the one before is another wait. On a busy machine each wait is a wake-up of a backend and of
 * the hub, which is what an idle round's time is made of.
 */
let inFlight = 0;
let waits = 0;
const proto = pg.Client.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown };
const original = proto.query;

let world: PgHubWorld;
const hubs: Hub[] = [];
const servers: RunningHub[] = [];
beforeAll(async () => {
  world = await pgHubWorld({ terminals: 1, batches: 1, usesPerBatch: 200 });
  for (let i = 0; i < 2; i += 1) {
    const hub = await Hub.open(`${world.dataDir}/unused`, PG_HUB_PASSPHRASE, Date.now, world.url);
    hubs.push(hub);
    servers.push(await startHubServer(hub, { port: 0 }));
  }
  // Tokens made before a hub started are refused as stale: let a second pass.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  proto.query = function (this: pg.Client, ...args: unknown[]): unknown {
    if (!counting) return original.apply(this, args);
    const q = args[0];
    sent.push((typeof q === 'string' ? q : String((q as { text?: unknown }).text)).replace(/\s+/g, ' ').trim());
    if (inFlight === 0) waits += 1;
    inFlight += 1;
    const done = (): void => {
      inFlight -= 1;
    };
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      // The pool's form: the answer comes to a callback.
      args[args.length - 1] = (...answer: unknown[]): unknown => {
        done();
        return (callback as (...a: unknown[]) => unknown)(...answer);
      };
      return original.apply(this, args);
    }
    return (original.apply(this, args) as Promise<unknown>).finally(done);
  };
}, 120_000);
afterAll(async () => {
  proto.query = original;
  for (const s of servers) await s.close();
  for (const h of hubs) await h.close();
  await world?.cleanup();
});

/** The statements `work` sent. */
async function statementsOf(work: () => Promise<void>): Promise<string[]> {
  sent.length = 0;
  waits = 0;
  counting = true;
  try {
    await work();
  } finally {
    counting = false;
  }
  return [...sent];
}

const get = async (url: string, t: PgHubWorld['reader'], target: string, token = authHeader(t, { method: 'GET', target })): Promise<Response> =>
  fetch(`${url}${target}`, { headers: { authorization: token } });

const writes = (statements: string[]) => statements.filter((s) => /^(INSERT|UPDATE|DELETE)\b|jinka_claim_token_id/.test(s));

describe('an idle sync round on PostgreSQL', () => {
  it('is ten statements on the pool waited for in five turns, no BEGIN … COMMIT, and writes only the two token claims (nothing unchanged is written again)', async () => {
    const [head] = await world.sql("SELECT seq FROM revocation_heads WHERE iss = 'lc-hrss'");
    const bundles = `/v1/bundles?revocations=lc-hrss:${String(head?.seq)}&rules=1&trust=1&pending=0`;
    const round = async (url: string): Promise<void> => {
      const b = await get(url, world.reader, bundles);
      expect(b.status).toBe(200);
      expect(((await b.json()) as { bundles: unknown[] }).bundles).toEqual([]);
      const q = await get(url, world.reader, '/v1/quota?since=0');
      expect(q.status).toBe(200);
    };
    // The first round of each process notes the terminal as seen and the sequence it holds.
    for (const s of servers) await round(s.url);
    for (const s of servers) {
      const statements = await statementsOf(() => round(s.url));
      expect(statements.filter((x) => /^(BEGIN|COMMIT)/.test(x))).toEqual([]);
      expect(writes(statements)).toHaveLength(2);
      expect(statements.length).toBeLessThanOrEqual(10);
      // Bundles: the terminal's row with the token claim, then its four reads at once; quota: the row with the claim, the rules' version, the feed.
      expect(waits).toBeLessThanOrEqual(5);
    }
    // Told of another sequence and count, the hub notes both, once, in one statement (one UPDATE of the terminal's row).
    const told = await statementsOf(async () => {
      expect((await get(servers[0]!.url, world.reader, '/v1/bundles?revocations=lc-hrss:0&rules=1&trust=1&pending=7')).status).toBe(200);
    });
    expect(writes(told).filter((s) => /revocation_seq_held|pending_uploads/.test(s))).toHaveLength(1);
    expect(told.filter((x) => /^(BEGIN|COMMIT)/.test(x))).toEqual([]);
    const [row] = await world.sql('SELECT revocation_seq_held AS held, pending_uploads AS pending FROM terminals WHERE id = $1', [world.reader.id]);
    expect(row).toEqual({ held: '0', pending: '7' });
  });
});

describe('a request token on two hub processes sharing PostgreSQL', () => {
  it('of eight sends of one token at once through both processes exactly one is answered; the rest are REPLAYED_TOKEN', async () => {
    const target = '/v1/quota?since=0';
    const token = authHeader(world.reader, { method: 'GET', target });
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => get(servers[i % 2]!.url, world.reader, target, token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401, 401, 401, 401]);
    for (const a of answers.filter((x) => x.status === 401)) expect(await a.json()).toMatchObject({ error: 'REPLAYED_TOKEN' });
  });
});

describe('an upload of 200 uses on PostgreSQL', () => {
  it('is stored in one unit of a fixed number of statements, the claim one statement', async () => {
    const [t] = world.terminals;
    const batch = t!.batches[0]!;
    let body = '';
    const statements = await statementsOf(async () => {
      const r = await fetch(`${servers[0]!.url}/v1/audit`, { method: 'POST', headers: { authorization: authHeader(t!, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' }, body: batch });
      body = await r.text();
      expect(r.status).toBe(200);
    });
    expect(JSON.parse(body)).toMatchObject({ accepted: 400, duplicates: 0 });
    // One unit (the ingest); the claim, "last seen" and the flags found after it are one statement each.
    expect(statements.filter((s) => s.startsWith('BEGIN'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('jinka_claim_token_id'))).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(24);
  });
});
