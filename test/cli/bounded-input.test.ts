import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/built-dist.js';
import { expectFailed, jsonOf, shanghai, useProvisionedCli, type JinkaRun } from './run-jinka.js';

const LONG = 'K'.repeat(17_000);

/** `jinka ARGS < INPUT` through a shell, so standard input can be a device; killed after 20 s. */
function jinkaFrom(input: string, args: string[]): JinkaRun & { ms: number } {
  const started = Date.now();
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const run = spawnSync('sh', ['-c', `exec "${process.execPath}" bin/jinka.js ${quoted} < ${input}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, JINKA_LANG: 'en', JINKA_DEBUG: '' },
    timeout: 20_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

describe('jinka: every field and every input bounded', () => {
  const { t, cards, dataDir, run } = useProvisionedCli();
  const scratch = mkdtempSync(join(tmpdir(), 'jinka-bounded-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const entries = async () => (jsonOf(await run('history', '--json')) as unknown as unknown[]).length;

  it('refuses a 17,000-character --ticket with one short line and records nothing (as the counter API does)', async () => {
    const before = (await run('export')).stdout;
    const refused = await run('verify', cards.goldA, '--service', 'bus', '--ticket', LONG, '--record', '--at', shanghai(t.atMs));
    expectFailed(refused, /--ticket .*at most 64 characters/);
    expect(refused.stderr.length).toBeLessThan(300);
    expect((await run('export')).stdout).toBe(before);
    // A blank ticket is no ticket either.
    expectFailed(await run('verify', cards.goldA, '--service', 'bus', '--ticket', '   ', '--record', '--at', shanghai(t.atMs)), /--ticket/);
  });

  it('refuses a 17,000-character --beneficiary, --service, --at or --companions without repeating it', async () => {
    for (const args of [
      ['--service', 'eldercare', '--beneficiary', LONG],
      ['--service', LONG],
      ['--service', 'gym', '--at', LONG],
      ['--service', 'gym', '--companions', `spouse=${'1'.repeat(17_000)}`],
      ['--service', 'gym', '--companions', `${LONG}=1`],
      // Over the per-relation bound the counter API and the core keep (shared/request-fields.ts).
      ['--service', 'scenic', '--companions', 'spouse=21'],
    ]) {
      const refused = await run('verify', cards.goldA, ...args, '--record');
      expectFailed(refused);
      expect(refused.stderr.length, args.join(' ').slice(0, 40)).toBeLessThan(300);
    }
    expect(await entries()).toBe(0);
  });

  it('reads at most a bounded amount of standard input for verify -, and says so', () => {
    const zero = jinkaFrom('/dev/zero', ['verify', '-', '--service', 'gym', '--data-dir', dataDir()]);
    expectFailed(zero, /standard input .*more than \d+ bytes.*4096 characters/);
    expect(zero.ms).toBeLessThan(15_000);
    // A token on standard input still works.
    const file = join(scratch, 'token.txt');
    writeFileSync(file, `${cards.goldA}\n`);
    expect(jinkaFrom(file, ['verify', '-', '--service', 'gym', '--at', shanghai(t.atMs), '--data-dir', dataDir()]).code).toBe(0);
  });

  it('refuses a device or a FIFO for import at once instead of reading it forever', async () => {
    expectFailed(await run('import', '/dev/zero'), /\/dev\/zero is not a regular file/);
    const fifo = join(scratch, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    expectFailed(await run('import', fifo), /is not a regular file/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses a random binary file for import in one line, not one refusal per line', async () => {
    const file = join(scratch, 'random.bin');
    writeFileSync(file, Buffer.concat(Array.from({ length: 40 }, () => Buffer.concat([randomBytes(200), Buffer.from('\n')]))));
    expectFailed(await run('import', file), /not a text file/);
  });
});
