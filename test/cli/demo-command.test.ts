import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/built-dist.js';
import { tempDir } from '../support/fixtures.js';
import { jinka, jsonOf } from './run-jinka.js';

/** `npx jinka verify "$(cat FILE)" ARGS…` as the demo prints it, with FILE read and paths resolved from the repository root. */
function printedVerify(stdout: string, card: string): { token: string; args: string[] } {
  const line = stdout.split('\n').find((l) => l.includes(`/${card}.jwt)`));
  expect(line, `no command for ${card}`).toBeDefined();
  const match = /npx jinka verify "\$\(cat (\S+)\)" (.*)$/.exec(line!.trim());
  expect(match).not.toBeNull();
  const token = readFileSync(resolve(ROOT, match![1]!), 'utf8').trim();
  const args = match![2]!.split(/\s+/);
  const dataDir = args.indexOf('--data-dir');
  args[dataDir + 1] = resolve(ROOT, args[dataDir + 1]!);
  return { token, args };
}

describe('jinka demo', () => {
  let work: { dir: string; cleanup: () => void };
  let out: string;
  let stdout: string;

  beforeAll(async () => {
    work = tempDir('jinka-cli-demo-');
    out = join(work.dir, 'demo');
    const demo = await jinka(['demo', '--out', out]);
    expect(demo.code).toBe(0);
    expect(demo.stderr).toBe('');
    stdout = demo.stdout;
  });
  afterAll(() => work.cleanup());

  it('writes the sample cards with their QR codes, the trust file and a provisioned data folder', async () => {
    for (const card of ['gold-a', 'gold-b', 'gold-c', 'huicai', 'revoked', 'forged']) {
      expect(existsSync(join(out, 'cards', `${card}.jwt`)), card).toBe(true);
      expect(readFileSync(join(out, 'cards', `${card}.png`)).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect(JSON.parse(readFileSync(join(out, 'trust.json'), 'utf8'))).toMatchObject({ issuers: [{ iss: 'lc-hrss' }, { iss: 'sd-hrss' }] });
    expect(jsonOf(await jinka(['status', '--json', '--data-dir', join(out, 'data')]))).toMatchObject({ issuers: [{ iss: 'lc-hrss' }, { iss: 'sd-hrss' }], clockSuspect: false });
  });

  it('prints a gold-a command that verifies accept against the demo data folder', async () => {
    const { token, args } = printedVerify(stdout, 'gold-a');
    expect(args).toContain(join(out, 'data'));
    const run = await jinka(['verify', token, ...args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ACCEPTED/);
    const json = jsonOf(await jinka(['verify', token, '--service', 'cinema', '--json', '--data-dir', join(out, 'data')]));
    expect(json).toMatchObject({ decision: 'accept', card: { sub: 'DEMO-LC-A-0001', tier: 'A' } });
  });

  it('prints commands for the revoked and forged cards that are rejected (exit 1)', async () => {
    const revoked = printedVerify(stdout, 'revoked');
    const revokedRun = await jinka(['verify', revoked.token, ...revoked.args, '--json']);
    expect(revokedRun.code).toBe(1);
    expect(jsonOf(revokedRun)).toMatchObject({ reasons: ['REVOKED'] });
    const forged = printedVerify(stdout, 'forged');
    const forgedRun = await jinka(['verify', forged.token, ...forged.args]);
    expect(forgedRun.code).toBe(1);
    expect(jsonOf(forgedRun)).toMatchObject({ reasons: ['BAD_SIGNATURE'], card: null });
  });
});
