// Child process of record-crash.test.ts: verifies and records uses in a loop until killed.
//
//   node test/crash/record-loop.mjs DATA_DIR JOBS_FILE [--recover-only]
//
// On start it finishes what a kill interrupted: every accepted decision without a use is
// recorded now; with --recover-only every accepted decision is recorded (a no-op for those
// already recorded) and the process exits. It prints one line per fact, and prints
// "ACK <decision id> new|again" only after record() has returned ok, so the parent knows
// every acknowledged use is on disk.
import { Buffer } from 'node:buffer';
import { readFileSync, writeSync } from 'node:fs';

const { Terminal } = await import(new URL('../../dist/electron/core/terminal.js', import.meta.url).href);
const { TerminalStores } = await import(new URL('../../dist/electron/core/terminal-stores.js', import.meta.url).href);

const [dataDir, jobsFile, flag] = process.argv.slice(2);
const recoverOnly = flag === '--recover-only';
/** @type {{ token: string, service: string, companions: Record<string, number> }[]} */
const jobs = JSON.parse(readFileSync(jobsFile, 'utf8'));

function say(line) {
  const bytes = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
    }
  }
}

/** The bus needs the day's ticket; derive it from the decision so a restart can supply it again. */
const ticketFor = (decisionId) => `T-${decisionId.slice(0, 8)}`;

function record(terminal, decisionId, expectNew) {
  const result = terminal.record(decisionId, { ticket: ticketFor(decisionId) });
  if (!result.ok) {
    say(`REFUSED ${decisionId} ${result.error}`);
    return;
  }
  if (expectNew === false && !result.value.alreadyRecorded) say(`BUG ${decisionId} recorded twice`);
  say(`ACK ${decisionId} ${result.value.alreadyRecorded ? 'again' : 'new'}`);
}

const terminal = Terminal.open(dataDir);
// Which decisions still wait for their use is read from the tables, on a connection of its own (the terminal keeps its stores).
const { db } = TerminalStores.open(dataDir, { readOnly: true });
const accepted = (onlyUnrecorded) =>
  db
    .prepare(
      `SELECT d.id FROM decisions d LEFT JOIN usage u ON u.decision_id = d.id
       WHERE d.decision = 'accept' ${onlyUnrecorded ? 'AND u.id IS NULL' : ''} ORDER BY d.rowid`,
    )
    .all()
    .map((r) => r.id);

// Recovery: decisions accepted before the kill whose use was not recorded yet.
for (const id of accepted(!recoverOnly)) record(terminal, id);
// Recording again what is recorded is a no-op that returns the first use.
const recent = db.prepare('SELECT decision_id FROM usage ORDER BY seq DESC LIMIT 5').all();
for (const { decision_id: id } of recent) record(terminal, id, false);

if (recoverOnly) {
  terminal.close();
  say('DONE');
  process.exit(0);
}

say('READY');
let i = db.prepare('SELECT count(*) AS n FROM decisions').get().n;
for (;;) {
  const job = jobs[i % jobs.length];
  i += 1;
  const verified = terminal.verify({ token: job.token, service: job.service, atMs: terminal.now(), companions: job.companions });
  if (verified.decision.decision === 'accept') record(terminal, verified.id);
  else say(`REJECT ${verified.id} ${verified.decision.reasons[0]}`);
}
