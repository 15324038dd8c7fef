/**
 * Core benchmark of the terminal (`npm run bench`, `npm run --silent bench -- --json`).
 *
 * Builds a terminal database in a temporary folder with 100,000 revoked cards and
 * 1,000,000 recorded uses, then measures, in one run:
 *   - es256_verify: a bare jsonwebtoken ES256 verify of a card token with a KeyObject
 *     (the same options the terminal uses), the baseline for decide;
 *   - decide: Terminal.decide for cinema (verify + revocation + rules + quota, nothing
 *     written) of cards that already have uses recorded among the 1M rows;
 *   - record: Terminal.record(id) of an accepted cinema decision that Terminal.verify
 *     has already kept — the record call alone is timed (one BEGIN IMMEDIATE transaction,
 *     synchronous=FULL); verify_* times the verify call before it;
 *   - imports: Terminal.importText of signed jinka/revocations bundles, a full list of
 *     100,000 entries replacing the held one, and deltas of 100 entries.
 * Progress goes to stderr; stdout carries the JSON object (--json) or a table.
 * Flags: --json, --strict (exit 1 when a target is missed), --keep (keep the data
 * folder), --scale=F (shrink the data set for a quick check; targets assume 1).
 */
import { spawnSync } from 'node:child_process';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { DB_FILE } from '../../electron/core/store/database.js';
import { Terminal } from '../../electron/core/terminal.js';
import type { Result } from '../../shared/result.js';
import { makeBenchAuthority, type BenchAuthority } from './bench-authority.js';
import { benchCard, cardClaims, revokedEntries, USES_PER_CARD } from './bench-data.js';
import { table, withVerdicts, type BenchFigures } from './bench-report.js';
import { median, progress, round1, Sampler, SyncProbe, timeMs } from './bench-stats.js';
import { terminalStatus, usesRecorded } from '../../electron/core/terminal-reports.js';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const scaleArg = args.find((a) => a.startsWith('--scale='));
const SCALE = scaleArg ? Number(scaleArg.slice('--scale='.length)) : 1;

const REVOKED = Math.round(100_000 * SCALE);
const USAGE_CARDS = Math.round(100_000 * SCALE);
const DELTA_SIZE = 100;
const WARMUP = 1_000;
const DECIDE_N = 5_000;
const BLOCK = 250;
const ELDERCARE_N = 2_000;
const RECORD_WARMUP = 100;
const RECORD_N = 1_000;
const FULL_RUNS = 3;
const DELTA_RUNS = 20;
const VERIFY_OPTIONS: jwt.VerifyOptions = { algorithms: ['ES256'], ignoreExpiration: true, ignoreNotBefore: true };

function must<T, E>(result: Result<T, E>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value;
}

interface BenchToken {
  token: string;
  key: KeyObject;
}

/** Signed tokens of population cards `first`, `first + 1`, …, spread over the population by a stride. */
function cardTokens(authority: BenchAuthority, keys: Record<string, KeyObject>, nowMs: number, first: number, count: number): BenchToken[] {
  const tokens: BenchToken[] = [];
  for (let k = first; k < first + count; k += 1) {
    const i = (k * 9973) % USAGE_CARDS; // 9973 is prime: distinct cards for k < USAGE_CARDS
    const card = benchCard(i, nowMs);
    tokens.push({ token: authority.sign(cardClaims(card, i)), key: keys[card.iss] as KeyObject });
  }
  return tokens;
}

function revocationBundle(authority: BenchAuthority, seq: number, base: number, from: number, count: number, iatSec: number): string {
  return authority.sign({ iss: 'lc-hrss', typ: 'jinka/revocations', seq, base, iat: iatSec, revoked: revokedEntries(from, count, iatSec) });
}

/** Fills the usage table from a child process (see fill-usage-child.ts). */
function fillUsageApart(dir: string, nowMs: number): void {
  const child = fileURLToPath(new URL('./fill-usage-child.js', import.meta.url));
  const result = spawnSync(process.execPath, [child, join(dir, DB_FILE), String(nowMs), String(USAGE_CARDS)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`usage fill failed (${String(result.status ?? result.signal)})`);
}

const loadavg = (): number[] => os.loadavg().map(round1);

function run(dir: string): BenchFigures & Record<string, unknown> {
  const setupStart = performance.now();
  const loadBefore = loadavg();
  const nowMs = Date.now();
  const iatSec = Math.floor(nowMs / 1000) - 3600;
  const authority = makeBenchAuthority();
  const keys: Record<string, KeyObject> = { 'lc-hrss': createPublicKey(authority.lc.privateKey), 'sd-hrss': createPublicKey(authority.sd.privateKey) };
  const terminal = Terminal.create(dir);
  try {
    must(terminal.importText(JSON.stringify(authority.trust)), 'trust file');
    must(terminal.importText(authority.sign({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: iatSec, revoked: [] })), 'sd list');

    progress(`importing the first full revocation list (${REVOKED} cards)…`);
    const first = revocationBundle(authority, 1, 0, 0, REVOKED, iatSec);
    const initialMs = timeMs(() => must(terminal.importText(first), 'full list 1'));

    progress(`generating ${USAGE_CARDS * USES_PER_CARD} usage rows…`);
    const fillMs = timeMs(() => fillUsageApart(dir, nowMs));
    progress(`  done in ${Math.round(fillMs)} ms; ${usesRecorded(terminal)} rows in the usage table`);

    progress('signing card tokens…');
    const decideSet = cardTokens(authority, keys, nowMs, 0, WARMUP + DECIDE_N);
    const recordSet = cardTokens(authority, keys, nowMs, WARMUP + DECIDE_N, RECORD_WARMUP + RECORD_N);
    const atMs = Date.now();
    const cinema = (t: BenchToken) => terminal.decide({ token: t.token, service: 'cinema', atMs, companions: {} });
    const bareVerify = (t: BenchToken) => jwt.verify(t.token, t.key, VERIFY_OPTIONS);

    progress('warming up…');
    for (const t of decideSet.slice(0, WARMUP)) {
      bareVerify(t);
      if (cinema(t).decision.decision !== 'accept') throw new Error(`warm-up card refused: ${JSON.stringify(cinema(t).decision)}`);
    }

    progress(`measuring verify vs decide, ${DECIDE_N} each, interleaved in blocks of ${BLOCK}…`);
    const verifySamples = new Sampler();
    const decideSamples = new Sampler();
    const measured = decideSet.slice(WARMUP);
    let accepted = 0;
    for (let start = 0; start < measured.length; start += BLOCK) {
      const block = measured.slice(start, start + BLOCK);
      for (const t of block) verifySamples.sample(() => bareVerify(t));
      for (const t of block) {
        let outcome = '';
        decideSamples.sample(() => (outcome = cinema(t).decision.decision));
        if (outcome === 'accept') accepted += 1;
      }
    }

    progress(`measuring decide for eldercare, ${ELDERCARE_N}…`);
    const elderSamples = new Sampler();
    for (const t of measured.slice(0, ELDERCARE_N)) {
      elderSamples.sample(() => terminal.decide({ token: t.token, service: 'eldercare', beneficiary: '张*国', atMs, companions: {} }));
    }

    progress(`measuring verify + record of accepted cinema decisions, ${RECORD_N}…`);
    const keptSamples = new Sampler();
    const recordSamples = new Sampler();
    const warmSamples = new Sampler();
    const syncSamples = new Sampler();
    const probe = new SyncProbe(join(dir, 'fsync-probe.bin'));
    recordSet.forEach((t, k) => {
      let id = '';
      let recorded = false;
      (k < RECORD_WARMUP ? warmSamples : keptSamples).sample(() => (id = terminal.verify({ token: t.token, service: 'cinema', atMs: Date.now(), companions: {} }).id));
      (k < RECORD_WARMUP ? warmSamples : recordSamples).sample(() => (recorded = must(terminal.record(id), 'record').alreadyRecorded === false));
      if (!recorded) throw new Error('record wrote nothing');
      (k < RECORD_WARMUP ? warmSamples : syncSamples).sample(() => probe.once());
    });
    probe.close();

    progress('signing revocation bundles…');
    let seq = 1;
    const fulls: string[] = [];
    for (let r = 0; r < FULL_RUNS; r += 1) fulls.push(revocationBundle(authority, (seq += 1), 0, (r + 1) * Math.round(REVOKED / 10), REVOKED, iatSec));
    const deltas: string[] = [];
    for (let d = 0; d < DELTA_RUNS; d += 1) {
      deltas.push(revocationBundle(authority, seq + 1, seq, 10 * REVOKED + d * DELTA_SIZE, DELTA_SIZE, iatSec));
      seq += 1;
    }
    progress(`importing ${FULL_RUNS} full lists (replacing) and ${DELTA_RUNS} deltas…`);
    const fullMs = fulls.map((text, r) => timeMs(() => must(terminal.importText(text), `full list ${r + 2}`)));
    const deltaMs = deltas.map((text, d) => timeMs(() => must(terminal.importText(text), `delta ${d + 1}`)));

    // Sanity: the last full list and delta are in force.
    const held = terminalStatus(terminal).revocationLists.find((l) => l.iss === 'lc-hrss');
    if (held?.seq !== seq || held.revoked !== REVOKED + DELTA_RUNS * DELTA_SIZE) throw new Error(`unexpected list held: ${JSON.stringify(held)}`);
    const revokedSub = `LC-R-${String(10 * REVOKED).padStart(7, '0')}`;
    const revokedToken = authority.sign({ ...cardClaims(benchCard(1, nowMs), 1), sub: revokedSub });
    const check = terminal.decide({ token: revokedToken, service: 'cinema', atMs: Date.now(), companions: {} }).decision;
    if (check.reasons[0] !== 'REVOKED') throw new Error(`revoked card not refused: ${JSON.stringify(check)}`);

    const verify = verifySamples.summary();
    const decide = decideSamples.summary();
    const elder = elderSamples.summary();
    const kept = keptSamples.summary();
    const record = recordSamples.summary();
    const sync = syncSamples.summary();
    const memory = process.memoryUsage();
    return withVerdicts({
      bench: 'jinka-core',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      scale: SCALE,
      revoked_cards: REVOKED,
      usage_rows: USAGE_CARDS * USES_PER_CARD,
      usage_rows_at_end: usesRecorded(terminal),
      n: { es256_verify: verify.n, decide: decide.n, decide_eldercare: elder.n, verify: kept.n, record: record.n, fdatasync: sync.n, import_full: fullMs.length, import_delta: deltaMs.length },
      es256_verify_p50_us: verify.p50,
      es256_verify_p99_us: verify.p99,
      decide_p50_us: decide.p50,
      decide_p90_us: decide.p90,
      decide_p99_us: decide.p99,
      decide_max_us: decide.max,
      decide_accept_ratio: round1((accepted / decide.n) * 100) / 100,
      decide_p99_not_preempted_us: decide.p99_not_preempted,
      preempted_samples: { es256_verify: verify.preempted, decide: decide.preempted, decide_eldercare: elder.preempted, verify: kept.preempted, record: record.preempted },
      decide_eldercare_p50_us: elder.p50,
      decide_eldercare_p99_us: elder.p99,
      verify_p50_us: kept.p50,
      verify_p99_us: kept.p99,
      record_p50_us: record.p50,
      record_p99_us: record.p99,
      record_max_us: record.max,
      record_p99_not_preempted_us: record.p99_not_preempted,
      fdatasync_p50_us: sync.p50,
      fdatasync_p99_us: sync.p99,
      fdatasync_measures: '16 KiB write + fdatasync of a file in the data folder, once after each measured record: the disk floor under a durable commit',
      record_measures: 'Terminal.record(id) alone, of an accepted cinema decision already kept by Terminal.verify (verify_* times that call); one BEGIN IMMEDIATE transaction, WAL, synchronous=FULL',
      import_initial_full_100k_ms: round1(initialMs),
      import_full_100k_ms: median(fullMs),
      import_full_100k_ms_samples: fullMs.map(round1),
      import_delta_100_ms: median(deltaMs),
      import_delta_100_max_ms: round1(Math.max(...deltaMs)),
      full_bundle_chars: fulls[0]?.length ?? 0,
      usage_fill_ms: round1(fillMs),
      rss_mb: round1(memory.rss / 1048576),
      peak_rss_mb: round1(process.resourceUsage().maxRSS / 1024),
      heap_used_mb: round1(memory.heapUsed / 1048576),
      total_s: round1((performance.now() - setupStart) / 1000),
      data_dir: os.tmpdir(),
      loadavg_before: loadBefore,
      loadavg_after: loadavg(),
    });
  } finally {
    terminal.close();
  }
}

const dir = mkdtempSync(join(os.tmpdir(), 'jinka-bench-'));
progress(`data folder ${dir}`);
try {
  const figures = run(dir);
  process.stdout.write(flag('json') ? `${JSON.stringify(figures)}\n` : `${table(figures)}\n`);
  if (flag('strict') && figures.pass_all !== true) process.exitCode = 1;
} finally {
  if (flag('keep')) progress(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
