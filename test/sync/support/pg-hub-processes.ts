import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { uploadAckSchema, bundlesResponseSchema } from '../../../shared/sync/sync-protocol.js';
import { initHub } from '../../../hub/hub-init.js';
import { TEST_SEAL_COST } from '../../hub/hub-fixtures.js';
import type { Hub } from '../../../hub/hub.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { authHeader, buildBatches, enrolTerminals, seedCards, type BenchTerminal } from '../../bench/hub-bench-data.js';
import { prng } from '../../bench/bench-stats.js';

/**
 * Real hub processes (`node bin/jinka-hub.js serve --database …`) on one database of a private
 * PostgreSQL cluster, and terminals that upload signed batches to them and retry as a terminal
 * does (README "The hub on PostgreSQL", Reliability). Needs `npm run build` (the processes run
 * dist/). The terminals are the benchmark's (test/bench/hub-bench-data.ts): their own keys,
 * enrolled through the enrolment code path, audit chains of decision and use entries.
 */

const HUB_BIN = join(resolve(import.meta.dirname, '../../..'), 'bin/jinka-hub.js');
export const PG_HUB_PASSPHRASE = 'pg fault test passphrase 2026';

/** One `jinka-hub serve` process. */
export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** What it wrote on stderr so far. */
  stderr(): string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startHubProcess(databaseUrl: string, dataDir: string): Promise<HubProcess> {
  const child = spawn(process.execPath, [HUB_BIN, 'serve', '--port', '0', '--quiet', '--data-dir', dataDir, '--database', databaseUrl], {
    env: { ...process.env, JINKA_HUB_PASSPHRASE: PG_HUB_PASSPHRASE, JINKA_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`jinka-hub serve did not start: ${err}`)), 45_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Hub serving at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`jinka-hub serve exited ${String(code)}: ${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill(signal);
      await exited;
    },
  };
}

/** A private cluster, one hub database in it (made by `init`), cards and enrolled terminals with their batches signed. */
export interface PgHubWorld {
  cluster: PgCluster;
  url: string;
  dataDir: string;
  subs: string[];
  terminals: BenchTerminal[];
  /** A terminal that only syncs (reads the quota feed and bundles). */
  reader: { id: string; key: BenchTerminal['key'] };
  /** A SQL client on the hub's database, for the checks. */
  sql(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export async function pgHubWorld(options: { terminals: number; batches: number; usesPerBatch: number; cards?: number }): Promise<PgHubWorld> {
  const cluster = await startPgCluster();
  const root = mkdtempSync(join(tmpdir(), 'jinka-pg-faults-'));
  try {
    const url = await cluster.createDatabase();
    const dataDir = join(root, 'unused');
    const hub: Hub = await initHub(dataDir, PG_HUB_PASSPHRASE, { databaseUrl: url, sealCost: TEST_SEAL_COST });
    let subs: string[];
    let enrolled;
    try {
      subs = await seedCards(hub, 1, options.cards ?? 200);
      enrolled = await enrolTerminals(hub, options.terminals + 1, 'PT');
      // The seeded cards took serials the counter did not hand out: move it past them, as issuing would.
      await hub.store.cards.allocateSerials(options.cards ?? 200);
    } finally {
      await hub.close();
    }
    const [reader, ...uploaders] = enrolled;
    if (reader === undefined) throw new Error('no terminal');
    const random = prng(11);
    const terminals = uploaders.map((t) => buildBatches(t, subs, options.batches, options.usesPerBatch, random, Date.now()));
    const sql = async (text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    return {
      cluster,
      url,
      dataDir: root,
      subs,
      terminals,
      reader,
      sql,
      cleanup: async () => {
        await cluster.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster.stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** What one terminal's uploads met: acknowledgements and the refusals it retried. */
export interface UploadLog {
  accepted: number;
  duplicates: number;
  /** Answers 503 (database out of reach, or the hub busy), each retried. */
  unavailable: number;
  /** Connections refused or cut (a hub process gone), each retried. */
  offline: number;
  /** Other statuses: never expected. */
  other: string[];
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Uploads one batch as a terminal does: POST /v1/audit with a fresh token; a 503 or a
 * connection that fails counts as offline and is retried (after `retryMs`), through the next
 * hub process of `urls` (a reverse proxy would pick another one), until acknowledged or `deadline`.
 */
export async function uploadUntilAcknowledged(t: BenchTerminal, batch: string, urls: () => readonly string[], log: UploadLog, deadline: number, retryMs = 150, start = 0): Promise<void> {
  for (let attempt = start; ; attempt += 1) {
    if (Date.now() > deadline) throw new Error(`terminal ${t.id}: upload not acknowledged before the deadline (${JSON.stringify(log)})`);
    const list = urls();
    const url = list[attempt % list.length] as string;
    let response: Response;
    try {
      response = await fetch(`${url}/v1/audit`, {
        method: 'POST',
        headers: { authorization: authHeader(t, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' },
        body: batch,
        signal: AbortSignal.timeout(45_000),
      });
    } catch {
      log.offline += 1;
      await pause(retryMs);
      continue;
    }
    if (response.status === 503) {
      log.unavailable += 1;
      await response.body?.cancel();
      await pause(retryMs);
      continue;
    }
    if (!response.ok) {
      log.other.push(`${response.status} ${await response.text()}`);
      await pause(retryMs);
      continue;
    }
    const ack = uploadAckSchema.parse(await response.json());
    log.accepted += ack.accepted;
    log.duplicates += ack.duplicates;
    return;
  }
}

export const newUploadLog = (): UploadLog => ({ accepted: 0, duplicates: 0, unavailable: 0, offline: 0, other: [] });

/** The revocation sequence a terminal holding nothing is brought to by GET /v1/bundles through `url`. */
export async function revocationSeqSeen(t: { id: string; key: BenchTerminal['key'] }, url: string): Promise<number> {
  const target = '/v1/bundles?revocations=lc-hrss:0&rules=1&trust=1';
  const response = await fetch(`${url}${target}`, { headers: { authorization: authHeader(t, { method: 'GET', target }) } });
  if (!response.ok) throw new Error(`bundles: ${response.status} ${await response.text()}`);
  const { bundles } = bundlesResponseSchema.parse(await response.json());
  let seq = 0;
  for (const jws of bundles) {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { typ?: string; iss?: string; seq?: number };
    if (payload.typ === 'jinka/revocations' && payload.iss === 'lc-hrss' && typeof payload.seq === 'number') seq = Math.max(seq, payload.seq);
  }
  return seq;
}

/** The stored state the checks compare: entries and uses per terminal, chains, cursors. */
export async function storedState(world: PgHubWorld): Promise<{ entries: number; uses: number; useEntries: number; cursorsOk: boolean; perTerminal: Map<string, { entries: number; maxSeq: number; cursor: number }> }> {
  const rows = await world.sql(
    `SELECT t.id, t.cursor, count(a.seq) AS n, coalesce(max(a.seq), 0) AS max_seq FROM terminals t LEFT JOIN audit_entries a ON a.terminal_id = t.id GROUP BY t.id, t.cursor`,
  );
  const perTerminal = new Map(rows.map((r) => [String(r.id), { entries: Number(r.n), maxSeq: Number(r.max_seq), cursor: Number(r.cursor) }]));
  const [entries] = await world.sql('SELECT count(*) AS n FROM audit_entries');
  const [uses] = await world.sql('SELECT count(*) AS n FROM uses');
  const [useEntries] = await world.sql("SELECT count(*) AS n FROM audit_entries WHERE kind = 'use'");
  // Every terminal's stored entries are 1..cursor with no gap: nothing half-written.
  const cursorsOk = [...perTerminal.values()].every((t) => t.entries === t.maxSeq && t.cursor === t.maxSeq);
  return { entries: Number(entries?.n), uses: Number(uses?.n), useEntries: Number(useEntries?.n), cursorsOk, perTerminal };
}
