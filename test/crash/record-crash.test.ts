import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../../electron/core/terminal.js';
import { ROOT } from '../support/built-dist.js';
import { makeAuthority, provisionedTerminal } from '../support/fixtures.js';
import { openStores } from '../support/stores.js';
import { verifyAudit } from '../../electron/core/terminal-reports.js';

const CHILD = join(ROOT, 'test/crash/record-loop.mjs');
const ROUNDS = 18;
const DAY = 86_400;

/** What one child run printed, complete lines only (a kill may cut the last one short). */
interface ChildRun {
  lines: string[];
  stderr: string;
  killed: boolean;
  code: number | null;
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/**
 * Runs the child; with `killAfter`, SIGKILLs it at a random moment: sometimes while it
 * opens the database and recovers, mostly 20–150 ms into its verify-and-record loop.
 */
function runChildOnce(dataDir: string, jobsFile: string, mode: 'loop' | 'recover'): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, dataDir, jobsFile, ...(mode === 'recover' ? ['--recover-only'] : [])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    if (mode === 'loop' && Math.random() < 0.25) timer = setTimeout(kill, randomInt(5, 120));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const wasReady = stdout.includes('READY\n');
      stdout += chunk;
      if (mode === 'loop' && timer === undefined && !wasReady && stdout.includes('READY\n')) timer = setTimeout(kill, randomInt(20, 150));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const guard = setTimeout(kill, 20_000); // a child that never gets READY must not hang the test
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      resolve({ lines: complete.split('\n').filter((l) => l !== ''), stderr, killed: signal === 'SIGKILL', code });
    });
  });
}

/** The child failing to load dist/ while a build elsewhere rewrites it (a child that never started). */
const DIST_BEING_WRITTEN = /(ERR_MODULE_NOT_FOUND|SyntaxError|does not provide an export|Terminal\.open is not a function|reading 'open')/;

async function runChild(dataDir: string, jobsFile: string, mode: 'loop' | 'recover'): Promise<ChildRun> {
  for (let attempt = 1; ; attempt += 1) {
    const run = await runChildOnce(dataDir, jobsFile, mode);
    if (attempt === 4 || run.lines.length > 0 || !DIST_BEING_WRITTEN.test(run.stderr)) return run;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

describe('recording uses across SIGKILL (crash test)', () => {
  let dataDir: string;
  let cleanup: () => void;
  let jobsFile: string;
  /** Decisions accepted before the first child starts but never recorded, as a crash right after verify leaves them. */
  let pending: { gym: string; library: string; secondLibrary: string };

  beforeAll(() => {
    const authority = makeAuthority();
    const nowSec = Math.floor(Date.now() / 1000);
    const provisioned = provisionedTerminal(authority, { clock: () => Date.now(), listsIat: nowSec - 3600 });
    dataDir = provisioned.dir;
    cleanup = provisioned.cleanup;
    const revoke = provisioned.terminal.importText(
      authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: nowSec - 1800, revoked: [{ sub: 'LC-A-REVOKED' }] }),
    );
    expect(revoke.ok).toBe(true);

    const validity = { iat: nowSec - 30 * DAY, nbf: nowSec - 30 * DAY, exp: nowSec + 365 * DAY };
    const gold = (n: number) => authority.card({ ...validity, sub: `LC-A-${String(n).padStart(6, '0')}` });
    const accept = (token: string, service: string) => {
      const verified = provisioned.terminal.verify({ token, service, atMs: Date.now(), companions: {} });
      expect(verified.decision.decision).toBe('accept');
      return verified.id;
    };
    // Card 7 is not in the loop: two library decisions made before either was recorded.
    pending = { gym: accept(gold(1), 'gym'), library: accept(gold(7), 'library'), secondLibrary: accept(gold(7), 'library') };
    provisioned.terminal.close();
    const jobs = [
      ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
        { token: gold(n), service: 'gym', companions: { spouse: 1 } },
        { token: gold(n), service: 'bus', companions: { child: 2 } },
        { token: gold(n), service: 'library', companions: {} },
        { token: gold(n), service: 'cinema', companions: {} },
        { token: gold(n), service: 'hospital', companions: {} },
      ]),
      { token: authority.card({ ...validity, sub: 'LC-C-000001', tier: 'C', cat: 4 }), service: 'tax', companions: {} },
      { token: authority.card({ ...validity, sub: 'LC-A-REVOKED' }), service: 'scenic', companions: {} },
    ];
    jobsFile = join(dataDir, 'jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
  });
  afterAll(() => cleanup());

  it('keeps every acknowledged use exactly once, never double-records, and keeps the audit chain intact', async () => {
    const acked = new Set<string>();
    const runs: ChildRun[] = [];
    for (let round = 0; round < ROUNDS; round += 1) runs.push(await runChild(dataDir, jobsFile, 'loop'));
    const final = await runChild(dataDir, jobsFile, 'recover');
    runs.push(final);

    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.lines.filter((l) => l.startsWith('BUG'))).toEqual([]);
      for (const line of run.lines) {
        const [kind, id] = line.split(' ');
        if (kind === 'ACK') acked.add(id!);
      }
    }
    expect(runs.slice(0, ROUNDS).filter((r) => r.killed).length).toBe(ROUNDS);
    expect(final).toMatchObject({ killed: false, code: 0 });
    expect(final.lines.at(-1)).toBe('DONE');
    // The loop got going in most rounds, so kills landed between and inside records.
    // Recovery recorded the decisions left pending, and the quota check refused the second library card.
    const newAcks = new Set(runs.flatMap((r) => r.lines.filter((l) => l.startsWith('ACK ') && l.endsWith(' new')).map((l) => l.split(' ')[1])));
    expect(newAcks.has(pending.gym)).toBe(true);
    expect(newAcks.has(pending.library)).toBe(true);
    expect(final.lines).toContain(`REFUSED ${pending.secondLibrary} QUOTA_EXHAUSTED`);
    expect(acked.has(pending.secondLibrary)).toBe(false);
    const loopAcks = runs.slice(0, ROUNDS).map((r) => r.lines.filter((l) => l.endsWith(' new')).length);
    expect(loopAcks.filter((n) => n > 0).length).toBeGreaterThan(ROUNDS / 3);

    const terminal = Terminal.open(dataDir);
    try {
      const db = openStores(terminal).db;
      const uses = db.prepare('SELECT id, decision_id AS decisionId, sub, service, audit_seq AS auditSeq FROM usage ORDER BY seq').all() as {
        id: string;
        decisionId: string;
        sub: string;
        service: string;
        auditSeq: number;
      }[];
      const recorded = new Set(uses.map((u) => u.decisionId));

      // Every acknowledged use is on disk; the final recovery acknowledged every recorded one.
      for (const id of acked) expect(recorded.has(id), `acknowledged ${id} missing`).toBe(true);
      expect(recorded.size).toBe(acked.size);
      // One use per decision, unique use ids.
      expect(recorded.size).toBe(uses.length);
      expect(new Set(uses.map((u) => u.id)).size).toBe(uses.length);
      // Every use belongs to an accepted decision.
      const acceptedIds = new Set((db.prepare("SELECT id FROM decisions WHERE decision = 'accept'").all() as { id: string }[]).map((r) => r.id));
      for (const use of uses) expect(acceptedIds.has(use.decisionId)).toBe(true);
      // An accepted decision left unrecorded is one whose quota a restart found used up meanwhile.
      const refused = new Set(final.lines.filter((l) => l.startsWith('REFUSED')).map((l) => l.split(' ')[1]));
      for (const id of acceptedIds) if (!recorded.has(id)) expect(refused.has(id), `accepted ${id} neither recorded nor refused`).toBe(true);
      // Art. 21: the library card once per card, however the crashes fell.
      const library = new Map<string, number>();
      for (const use of uses.filter((u) => u.service === 'library')) library.set(use.sub, (library.get(use.sub) ?? 0) + 1);
      for (const count of library.values()) expect(count).toBe(1);

      // The audit chain is intact and has one entry per use and per decision.
      expect(verifyAudit(terminal).ok).toBe(true);
      const auditUses = db.prepare("SELECT seq, body FROM audit_log WHERE kind = 'use' ORDER BY seq").all() as { seq: number; body: string }[];
      expect(auditUses.map((a) => (JSON.parse(a.body) as { id: string }).id)).toEqual(uses.map((u) => u.id));
      expect(auditUses.map((a) => a.seq)).toEqual(uses.map((u) => u.auditSeq));
      const decisions = (db.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number }).n;
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE kind = 'decision'").get()).toEqual({ n: decisions });
    } finally {
      terminal.close();
    }
  }, 120_000);
});
