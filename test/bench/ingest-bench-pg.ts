/**
 * The upload ingest on PostgreSQL, alone: a private cluster (test/support/pg-cluster.ts), a hub
 * made in it, 50 terminals uploading signed batches (a decision and a use per event, as a
 * terminal writes them) at once through `processes` real `jinka-hub serve --database` processes
 * (terminal i through process i mod processes). Prints figures, asserts no time:
 *
 *   npm run build --silent && node dist/test/bench/ingest-bench-pg.js [--processes=2] [--batches=5] [--json]
 *
 * ingest_events_per_s counts uses stored per second of wall time (as test/bench/hub-bench.ts
 * does); load_avg_1m is the machine's one-minute load average just after the run. The cluster
 * runs without fsync (a throwaway test cluster): one commit per batch, so fsync would add about
 * one flush per 400 entries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initHub } from '../../hub/hub-init.js';
import { uploadAckSchema } from '../../shared/sync/sync-protocol.js';
import { startPgCluster } from '../support/pg-cluster.js';
import { prng, progress, round1 } from './bench-stats.js';
import { authHeader, buildBatches, enrolTerminals, seedCards, type BenchTerminal } from './hub-bench-data.js';

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number): number => {
  const given = args.find((a) => a.startsWith(`--${name}=`));
  const n = given === undefined ? fallback : Number(given.slice(name.length + 3));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return n;
};
const PROCESSES = numberArg('processes', 2);
const BATCHES = numberArg('batches', 5);
const TERMINALS = numberArg('terminals', 50);
const USES_PER_BATCH = 200;
const PASSPHRASE = 'bench-passphrase';

async function startServer(databaseUrl: string, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../../bin/jinka-hub.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--database', databaseUrl, '--data-dir', dataDir], {
    env: { ...process.env, JINKA_HUB_PASSPHRASE: PASSPHRASE, JINKA_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      // The server's log: only what went wrong is shown.
      for (const line of chunk.toString().split('\n')) if (/"level":(50|60)/.test(line)) process.stderr.write(`${line.slice(0, 2000)}\n`);
      if (out.length > 10_000) return;
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

async function upload(urls: string[], terminals: BenchTerminal[]): Promise<{ uses: number; ms: number; batches: number; busy: number }> {
  let uses = 0;
  let busy = 0;
  let batches = 0;
  const start = performance.now();
  await Promise.all(
    terminals.map(async (t, i) => {
      const url = urls[i % urls.length] as string;
      for (const batch of t.batches) {
        let response: Response;
        // A hub reading many uploads answers 503 BUSY; a terminal tries again shortly, as here.
        for (;;) {
          response = await fetch(`${url}/v1/audit`, {
            method: 'POST',
            headers: { authorization: authHeader(t, { method: 'POST', target: '/v1/audit', body: batch }), 'content-type': 'application/jose' },
            body: batch,
          });
          if (response.status !== 503) break;
          await response.arrayBuffer();
          busy += 1;
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
        }
        if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
        const ack = uploadAckSchema.parse(await response.json());
        uses += ack.accepted / 2;
        batches += 1;
      }
    }),
  );
  return { uses, batches, busy, ms: performance.now() - start };
}

async function run(): Promise<Record<string, number>> {
  const cluster = await startPgCluster();
  const dir = mkdtempSync(join(os.tmpdir(), 'jinka-ingest-bench-'));
  const children: ChildProcess[] = [];
  try {
    const databaseUrl = await cluster.createDatabase();
    progress(`creating the hub in PostgreSQL, ${TERMINALS} terminals, ${TERMINALS * BATCHES} batches of ${USES_PER_BATCH} uses…`);
    const hub = await initHub(join(dir, 'hub'), PASSPHRASE, { databaseUrl });
    const subs = await seedCards(hub, 1, 5000);
    const enrolled = await enrolTerminals(hub, TERMINALS, 'BT');
    const random = prng(42);
    const nowMs = Date.now();
    const terminals = enrolled.map((t) => buildBatches(t, subs, BATCHES, USES_PER_BATCH, random, nowMs));
    await hub.close();
    progress(`starting ${PROCESSES} jinka-hub serve processes…`);
    const servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer(databaseUrl, join(dir, 'hub'))));
    children.push(...servers.map((s) => s.child));
    const done = await upload(
      servers.map((s) => s.url),
      terminals,
    );
    const expected = terminals.reduce((n, t) => n + t.uses, 0);
    if (done.uses !== expected) throw new Error(`ingested ${done.uses} uses, expected ${expected}`);
    return {
      ingest_events_per_s: Math.round(done.uses / (done.ms / 1000)),
      ingest_uses: done.uses,
      ingest_batches: done.batches,
      busy_answers: done.busy,
      ingest_ms: round1(done.ms),
      hub_processes: PROCESSES,
      terminals: TERMINALS,
      load_avg_1m: round1((os.loadavg()[0] ?? 0) * 100) / 100,
      cores: os.cpus().length,
    };
  } finally {
    await Promise.all(children.map(stopServer));
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const figures = await run();
if (args.includes('--json')) console.log(JSON.stringify(figures));
else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(22)} ${String(value)}`);
