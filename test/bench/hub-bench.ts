/**
 * Hub benchmark (`npm run bench:hub`, `npm run --silent bench:hub -- --json`).
 *
 * Builds a hub in a temporary folder with 100,000 revoked cards, starts it as its own
 * process (`jinka-hub serve` on 127.0.0.1, plain HTTP, loopback only) and measures:
 *   - ingest_events_per_s: uses accepted per second while 50 terminals upload their signed
 *     batches concurrently (POST /v1/audit; each batch holds decision and use entries);
 *   - sync_full_100k_ms: a terminal fetching the 100,000-entry revocation list
 *     (GET /v1/bundles) and applying it (Terminal.importText), median of 3 fresh terminals;
 *   - sync_idle_p99_ms: a sync round with nothing new (GET /v1/bundles + GET /v1/quota);
 *   - unauth_upload_rss_mb: the hub's resident memory after 200 unauthenticated POST /v1/audit
 *     declaring 32 MiB each (20 at a time, loopback; the hub must answer without reading them);
 *   - backlog_events_per_s: a replayed backlog, 30,000 gym uses of 4 cards within 8 hours from
 *     two sites, uploaded in order (each use passes the two-site check against all before it).
 * Progress goes to stderr; stdout carries one JSON object (--json) or a table.
 * Flags: --json, --strict (exit 1 when a target is missed), --keep, --scale=F, --hub-log,
 * --store sqlite|postgres (default sqlite). With postgres the hub is built the same way, moved
 * into a private durable PostgreSQL cluster (fsync on, synchronous_commit as shipped) with
 * `jinka-hub migrate`'s copy, and served by TWO hub processes on that one database: the
 * terminals upload through both at once, the sync rounds alternate between them
 * (`hub_processes` says how many served).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Terminal } from '../../electron/core/terminal.js';
import { bundlesResponseSchema, quotaResponseSchema, uploadAckSchema } from '../../shared/sync/sync-protocol.js';
import { initHub } from '../../hub/hub-init.js';
import { trustFileText } from '../../hub/publish/versioned-bundles.js';
import { randomUUID } from 'node:crypto';
import { generateSigningKey } from '../../node/crypto/keys.js';
import { signEs256 } from '../../node/crypto/jws-sign.js';
import { auditHash, GENESIS_HASH } from '../../node/audit/audit-hash.js';
import type { AuditEntry } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../../hub/hub.js';
import { createEnrolCode, enrolTerminal } from '../../hub/terminals/enrolment.js';
import { authHeader, buildBatches, enrolTerminals, seedCards, type BenchTerminal } from './hub-bench-data.js';
import { median, prng, progress, round1, summarize } from './bench-stats.js';
import { listSeq } from '../support/stores.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';
import { migrateSqliteToPg } from '../../hub/store/postgres/pg-migrate-from-sqlite.js';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const scaleArg = args.find((a) => a.startsWith('--scale='));
const SCALE = scaleArg ? Number(scaleArg.slice('--scale='.length)) : 1;

const REVOKED = Math.round(100_000 * SCALE);
const TERMINALS = 50;
const BATCHES = Math.max(1, Math.round(5 * SCALE));
const USES_PER_BATCH = 200;
const FULL_RUNS = 3;
const IDLE_WARMUP = 50;
const IDLE_ROUNDS = 500;
const PASSPHRASE = 'bench-passphrase';
const BACKLOG_USES = Math.round(30_000 * SCALE);
const BACKLOG_CARDS = 4;
const storeArg = args.find((a) => a.startsWith('--store='))?.slice('--store='.length) ?? (args.includes('--store') ? args[args.indexOf('--store') + 1] : undefined) ?? 'sqlite';
if (storeArg !== 'sqlite' && storeArg !== 'postgres') throw new Error(`--store must be sqlite or postgres, not ${storeArg}`);
const STORE: 'sqlite' | 'postgres' = storeArg;
const HUB_PROCESSES = STORE === 'postgres' ? 2 : 1;
/** Targets: the hub's on SQLite; issue 10's for PostgreSQL with two hub processes. */
const TARGETS = STORE === 'postgres' ? { ingest_events_per_s: 4000, sync_full_100k_ms: 1000, sync_idle_p99_ms: 20 } : { ingest_events_per_s: 2000, sync_full_100k_ms: 2000, sync_idle_p99_ms: 20 };

/**
 * A replayed backlog: two gym terminals (Art. 20, no quota, so every use counts and is checked
 * for TWO_SITES) whose logs hold `uses` uses of a few cards, all within 8 hours, in 500-use batches.
 */
async function backlogTerminals(hub: Hub, subs: readonly string[], uses: number, random: () => number): Promise<BenchTerminal[]> {
  const nowMs = hub.now();
  const out: BenchTerminal[] = [];
  for (const [i, site] of ['backlog-gym-a', 'backlog-gym-b'].entries()) {
    const id = `BL${i}`;
    const { code } = await createEnrolCode(hub, { site, service: 'gym' });
    const key = generateSigningKey(id);
    const enrolled = await enrolTerminal(hub, { code, terminalId: id, site, service: 'gym', publicJwk: key.publicJwk });
    if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
    let prev = GENESIS_HASH;
    let seq = 0;
    const batches: string[] = [];
    let entries: AuditEntry[] = [];
    const mine = Math.floor(uses / 2);
    for (let u = 0; u < mine; u += 1) {
      const atMs = nowMs - 8 * 3_600_000 + Math.floor(random() * 8 * 3_600_000);
      const body = JSON.stringify({ id: randomUUID(), decisionId: randomUUID(), iss: 'lc-hrss', sub: subs[u % subs.length], tier: 'A', service: 'gym', beneficiary: '', atMs, realMs: atMs, companions: {}, ticket: null });
      seq += 1;
      const hash = auditHash(prev, seq, atMs, 'use', body);
      entries.push({ seq, at_ms: atMs, kind: 'use', body, prev_hash: prev, hash });
      prev = hash;
      if (entries.length === 500 || u === mine - 1) {
        batches.push(signEs256({ typ: 'jinka/audit-batch', terminal: id, iat: Math.floor(nowMs / 1000), entries }, key.privateKey, id));
        entries = [];
      }
    }
    out.push({ id, key, batches, uses: mine });
  }
  return out;
}

/** Uploads each backlog terminal's batches in order, the two terminals one after the other (each through its own hub process when there are two); uses per second. */
async function ingestBacklog(urls: readonly string[], terminals: BenchTerminal[]): Promise<{ uses: number; ms: number; twoSites: number }> {
  let uses = 0;
  let twoSites = 0;
  const start = performance.now();
  for (const [i, t] of terminals.entries()) {
    const url = urls[i % urls.length] as string;
    for (const batch of t.batches) {
      const response = await fetch(`${url}/v1/audit`, { method: 'POST', headers: { authorization: authHeader(t, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' }, body: batch });
      if (!response.ok) throw new Error(`backlog upload refused: ${response.status} ${await response.text()}`);
      const ack = uploadAckSchema.parse(await response.json());
      uses += ack.accepted;
      twoSites += ack.flags.filter((f) => f.startsWith('TWO_SITES')).length;
    }
  }
  return { uses, ms: performance.now() - start, twoSites };
}

async function startServer(dataDir: string, databaseUrl?: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../../bin/jinka-hub.js', import.meta.url));
  const database = databaseUrl === undefined ? [] : ['--database', databaseUrl];
  // --hub-log: the hub's own log (errors behind a 500 among them) forwarded to stderr.
  const quiet = flag('hub-log') ? [] : ['--quiet'];
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...quiet, '--data-dir', dataDir, ...database], {
    env: { ...process.env, JINKA_HUB_PASSPHRASE: PASSPHRASE, JINKA_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (flag('hub-log')) for (const line of chunk.toString().split('\n')) if (/"level":(40|50|60)/.test(line)) process.stderr.write(`${line}\n`);
      out += chunk.toString();
      const m = /Hub serving at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`jinka-hub serve exited (${String(code)})`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Every terminal uploads its batches at once with the others; terminal i through hub process
 * i mod n. An answer of 500 or 503 is retried after 200 ms, as a terminal retries at its next
 * round (counted: `ingest_retried`, with the statuses); the clock runs on through the retries.
 */
async function ingest(urls: readonly string[], terminals: BenchTerminal[]): Promise<{ uses: number; ms: number; batches: number; retried: number; statuses: Record<string, number> }> {
  let uses = 0;
  let batches = 0;
  let retried = 0;
  const statuses: Record<string, number> = {};
  const start = performance.now();
  await Promise.all(
    terminals.map(async (t, i) => {
      const url = urls[i % urls.length] as string;
      for (const batch of t.batches) {
        let response = await fetch(`${url}/v1/audit`, { method: 'POST', headers: { authorization: authHeader(t, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' }, body: batch });
        for (let tries = 1; (response.status === 500 || response.status === 503) && tries < 50; tries += 1) {
          retried += 1;
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          await response.body?.cancel();
          await new Promise((done) => setTimeout(done, 200));
          response = await fetch(`${url}/v1/audit`, { method: 'POST', headers: { authorization: authHeader(t, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' }, body: batch });
        }
        if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
        const ack = uploadAckSchema.parse(await response.json());
        uses += ack.accepted / 2;
        batches += 1;
      }
    }),
  );
  return { uses, batches, retried, statuses, ms: performance.now() - start };
}

async function fullSync(url: string, trust: string, auth: (target: string) => string): Promise<number> {
  const { dir, cleanup } = temp('jinka-bench-terminal-');
  const terminal = Terminal.create(dir);
  try {
    if (!terminal.importText(trust).ok) throw new Error('trust file refused');
    const start = performance.now();
    const target = '/v1/bundles?revocations=lc-hrss:0&rules=1&trust=1';
    const response = await fetch(`${url}${target}`, { headers: { authorization: auth(target) } });
    const { bundles } = bundlesResponseSchema.parse(await response.json());
    for (const bundle of bundles) {
      const result = terminal.importText(bundle);
      if (!result.ok) throw new Error(`import refused: ${result.error.message}`);
    }
    const ms = performance.now() - start;
    if (listSeq(terminal, 'lc-hrss') === 0) throw new Error('no revocation list applied');
    return ms;
  } finally {
    terminal.close();
    cleanup();
  }
}

async function idleRounds(urls: readonly string[], held: string, auth: (target: string) => string): Promise<number[]> {
  // Each request carries a token made for it (method, target, body), good once; rounds alternate between the hub processes.
  let round = 0;
  const get = (target: string) => fetch(`${urls[round % urls.length] as string}${target}`, { headers: { authorization: auth(target) } });
  const quota = quotaResponseSchema.parse(await (await get('/v1/quota?since=0&limit=5000')).json());
  let cursor = quota.cursor;
  for (let more = quota.more; more; ) {
    const page = quotaResponseSchema.parse(await (await get(`/v1/quota?since=${cursor}&limit=5000`)).json());
    [cursor, more] = [page.cursor, page.more];
  }
  const samples: number[] = [];
  for (let i = 0; i < IDLE_WARMUP + IDLE_ROUNDS; i += 1) {
    const start = performance.now();
    const bundles = bundlesResponseSchema.parse(await (await get(`/v1/bundles?${held}`)).json());
    const page = quotaResponseSchema.parse(await (await get(`/v1/quota?since=${cursor}`)).json());
    const ms = performance.now() - start;
    if (bundles.bundles.length !== 0 || page.uses.length !== 0) throw new Error('an idle round found something new');
    // As a terminal does (electron/core/sync/download-step.ts): the answer's cursor is kept, past other services' uses too;
    // asking from a cursor never moved would scan the same tail of other services' uses each round.
    cursor = page.cursor;
    if (i >= IDLE_WARMUP) samples.push(ms);
    round += 1;
  }
  return samples;
}

/** Resident memory of process `pid` in MB (Linux /proc), null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : round1(Number(kb) / 1024);
  } catch {
    return null;
  }
}

/** One POST /v1/audit with a bad token declaring `declared` bytes, written until the hub answers (its status) or hangs up (0); null after 10 s. */
function unauthenticatedUpload(url: string, declared: number, chunk: Buffer): Promise<number | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (status: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(status);
    };
    const req = httpRequest(`${url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/jose', 'content-length': String(declared), authorization: 'Jinka-Terminal a.b.c' } }, (res) => {
      res.resume();
      settle(res.statusCode ?? null);
    });
    const timer = setTimeout(() => settle(null), 10_000);
    // The hub hung up on the unread body before this client read its answer: refused all the same.
    req.on('error', () => settle(0));
    let sent = 0;
    const write = () => {
      while (!settled && sent < declared) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!settled) req.end();
    };
    write();
  });
}

/** Posts `count` unauthenticated 32 MiB uploads, `parallel` at a time; answers the hub's RSS before and after. */
async function unauthenticatedFlood(url: string, pid: number | undefined, count = 200, parallel = 20): Promise<{ before: number | null; after: number | null; ms: number; refused: number }> {
  const before = rssMb(pid);
  const chunk = Buffer.alloc(1024 * 1024, 97);
  const start = performance.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        const status = await unauthenticatedUpload(url, 32 * 1024 * 1024, chunk);
        if (status === 401 || status === 0) refused += 1;
      }
    }),
  );
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { before, after: rssMb(pid), ms, refused };
}

function temp(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  return { dir, cleanup: () => (flag('keep') ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

async function run(): Promise<Record<string, unknown>> {
  const { dir, cleanup } = temp('jinka-hub-bench-');
  const dataDir = join(dir, 'hub');
  const children: ChildProcess[] = [];
  let cluster: PgCluster | undefined;
  try {
    progress(`creating the hub, ${REVOKED} revoked cards…`);
    const hub = await initHub(dataDir, PASSPHRASE);
    const revoked = await seedCards(hub, 1, REVOKED);
    const revokeResult = await hub.store.cards.revoke(revoked.map((sub) => ({ iss: 'lc-hrss', sub, reason: 'bench', atMs: hub.now() })));
    if (!revokeResult.ok) throw new Error(revokeResult.refusal);
    const inUse = await seedCards(hub, REVOKED + 1, 5000);
    progress(`enrolling ${TERMINALS} terminals and signing ${TERMINALS * BATCHES} batches of ${USES_PER_BATCH} uses…`);
    const random = prng(42);
    const nowMs = Date.now();
    const enrolled = await enrolTerminals(hub, TERMINALS + 1, 'BT');
    const backlog = await backlogTerminals(hub, inUse.slice(0, BACKLOG_CARDS), BACKLOG_USES, prng(7));
    const [syncer, ...uploaders] = enrolled;
    if (syncer === undefined) throw new Error('no terminal');
    const terminals = uploaders.map((t) => buildBatches(t, inUse, BATCHES, USES_PER_BATCH, random, nowMs));
    const trust = await trustFileText(hub);
    await hub.close();

    let databaseUrl: string | undefined;
    if (STORE === 'postgres') {
      progress('starting a private durable PostgreSQL cluster and moving the hub into it (jinka-hub migrate)…');
      cluster = await startPgCluster({ durable: true });
      databaseUrl = await cluster.createDatabase();
      const moved = await migrateSqliteToPg(dataDir, databaseUrl);
      progress(`moved ${moved.tables.reduce((n, t) => n + t.rows, 0)} rows, verified`);
    }
    progress(`starting ${HUB_PROCESSES} × jinka-hub serve on 127.0.0.1…`);
    const servers = [];
    for (let i = 0; i < HUB_PROCESSES; i += 1) {
      const server = await startServer(dataDir, databaseUrl);
      children.push(server.child);
      servers.push(server);
    }
    const urls = servers.map((s) => s.url);
    const child = servers[0]?.child as ChildProcess;
    const auth = (target: string) => authHeader(syncer, { method: 'GET', target });

    progress(`ingest: ${TERMINALS} terminals uploading concurrently…`);
    const ingested = await ingest(urls, terminals);
    const expected = terminals.reduce((s, t) => s + t.uses, 0);
    if (ingested.uses !== expected) throw new Error(`ingested ${ingested.uses} uses, expected ${expected}`);

    // The signed batches are no longer needed; the idle rounds should not pay for collecting them.
    for (const t of terminals) t.batches.length = 0;

    progress(`idle sync rounds, ${IDLE_ROUNDS}…`);
    const idle = summarize(await idleRounds(urls, `revocations=lc-hrss:${revokeResult.seq}&rules=1&trust=1`, auth));

    progress(`full sync of ${REVOKED} revocations, ${FULL_RUNS} fresh terminals…`);
    const full: number[] = [];
    for (let i = 0; i < FULL_RUNS; i += 1) full.push(await fullSync(urls[i % urls.length] as string, trust, auth));

    progress(`replayed backlog: ${BACKLOG_USES} uses of ${BACKLOG_CARDS} cards…`);
    const replayed = await ingestBacklog(urls, backlog);
    if (replayed.uses !== backlog.reduce((n, t) => n + t.uses, 0)) throw new Error(`backlog: ${replayed.uses} uses stored`);

    progress('200 unauthenticated 32 MiB uploads…');
    const flood = await unauthenticatedFlood(urls[0] as string, child.pid);

    const figures = {
      ingest_events_per_s: Math.round(ingested.uses / (ingested.ms / 1000)),
      backlog_events_per_s: Math.round(replayed.uses / (replayed.ms / 1000)),
      backlog_uses: replayed.uses,
      backlog_cards: BACKLOG_CARDS,
      backlog_two_sites_flags: replayed.twoSites,
      backlog_ms: round1(replayed.ms),
      unauth_upload_rss_mb: flood.after,
      unauth_upload_rss_before_mb: flood.before,
      unauth_upload_ms: round1(flood.ms),
      unauth_upload_refused: flood.refused,
      sync_full_100k_ms: median(full),
      sync_idle_p99_ms: idle.p99,
      ingest_uses: ingested.uses,
      ingest_batches: ingested.batches,
      ingest_ms: round1(ingested.ms),
      ingest_terminals: TERMINALS,
      ingest_retried: ingested.retried,
      ingest_retried_statuses: ingested.statuses,
      sync_full_runs_ms: full.map(round1),
      sync_full_cold_ms: round1(full[0] ?? Number.NaN),
      sync_idle_p50_ms: idle.p50,
      sync_idle_max_ms: idle.max,
      revoked_cards: REVOKED,
      store: STORE,
      hub_processes: HUB_PROCESSES,
      scale: SCALE,
      node: process.version,
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      loadavg: os.loadavg().map(round1),
    };
    const pass = {
      pass_ingest: figures.ingest_events_per_s >= TARGETS.ingest_events_per_s,
      pass_sync_full: figures.sync_full_100k_ms <= TARGETS.sync_full_100k_ms,
      pass_sync_idle: figures.sync_idle_p99_ms <= TARGETS.sync_idle_p99_ms,
    };
    return { ...figures, ...pass, pass_all: Object.values(pass).every(Boolean) };
  } finally {
    for (const child of children) await stopServer(child);
    await cluster?.stop();
    cleanup();
  }
}

function table(f: Record<string, unknown>): string {
  return [
    `Jinka hub bench — ${String(f.store)}, ${String(f.hub_processes)} hub process(es), node ${String(f.node)}, ${String(f.cpus)} × ${String(f.cpu_model)}, load ${JSON.stringify(f.loadavg)}`,
    `  ingest: ${String(f.ingest_uses)} uses in ${String(f.ingest_batches)} batches from ${String(f.ingest_terminals)} terminals, ${String(f.ingest_ms)} ms, ${String(f.ingest_retried)} uploads retried ${JSON.stringify(f.ingest_retried_statuses)}`,
    `  ${f.pass_ingest ? 'PASS' : 'FAIL'}  ingest_events_per_s  ${String(f.ingest_events_per_s).padStart(8)}  (≥ ${TARGETS.ingest_events_per_s})`,
    `  ${f.pass_sync_full ? 'PASS' : 'FAIL'}  sync_full_100k_ms    ${String(f.sync_full_100k_ms).padStart(8)}  (≤ ${TARGETS.sync_full_100k_ms}; runs ${JSON.stringify(f.sync_full_runs_ms)})`,
    `  ${f.pass_sync_idle ? 'PASS' : 'FAIL'}  sync_idle_p99_ms     ${String(f.sync_idle_p99_ms).padStart(8)}  (≤ ${TARGETS.sync_idle_p99_ms}; p50 ${String(f.sync_idle_p50_ms)})`,
    `        backlog_events_per_s ${String(f.backlog_events_per_s).padStart(8)}  (${String(f.backlog_uses)} uses of ${String(f.backlog_cards)} cards replayed in ${String(f.backlog_ms)} ms)`,
    `        unauth_upload_rss_mb ${String(f.unauth_upload_rss_mb).padStart(8)}  (before ${String(f.unauth_upload_rss_before_mb)}; 200 × 32 MiB unauthenticated in ${String(f.unauth_upload_ms)} ms, ${String(f.unauth_upload_refused)} refused unread)`,
  ].join('\n');
}

const result = await run();
process.stdout.write(`${flag('json') ? JSON.stringify(result) : table(result)}\n`);
if (flag('strict') && result.pass_all !== true) process.exitCode = 1;
