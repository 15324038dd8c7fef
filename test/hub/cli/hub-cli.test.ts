import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signRequestToken } from '../../../electron/core/sync/terminal-signer.js';
import { Terminal } from '../../../electron/core/terminal.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import { auditHash } from '../../../node/audit/audit-hash.js';
import { Hub } from '../../../hub/hub.js';
import { initHub } from '../../../hub/hub-init.js';
import { PRODUCTION_SCRYPT_COST } from '../../../hub/keys/sealed-secret.js';
import { idNumber, tempDir, TEST_SEAL_COST } from '../hub-fixtures.js';
import { HUB_BIN, hubInProcess, hubProcess, type HubRun } from './run-hub.js';

/**
 * The commands run in this process through runHubCli (what bin/jinka-hub.js calls), with absolute
 * paths; a real `node bin/jinka-hub.js` process where only a process shows the behaviour: the exit
 * status and stderr of a refused command, `serve` stopped by SIGTERM, paths taken from the working folder.
 */
describe('jinka-hub command line', () => {
  const { dir, cleanup } = tempDir('jinka-hub-cli-');
  const at = (...parts: string[]) => join(dir, ...parts);
  const env = { ...process.env, JINKA_HUB_DATA_DIR: at('data'), JINKA_HUB_PASSPHRASE: 'cli-test-passphrase', JINKA_LANG: 'en', JINKA_DEBUG: '' };
  const run = (args: string[], extraEnv: Record<string, string> = {}): Promise<HubRun> => hubInProcess(args, { ...env, ...extraEnv });
  const expectOneLineError = (r: { status: number | null; stderr: string }, pattern: RegExp) => {
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  afterAll(() => cleanup());

  it('initializes once, and refuses a second init and a wrong passphrase in one line', async () => {
    const init = await run(['init']);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/Hub created .*\nSigning key lc-\d{4}-1 .*rules version 1; trust version 1; revocation sequence 1/);
    // A hub made by `init` seals its secret and both keys at the production scrypt cost, never a test fixture's.
    const made = await Hub.open(at('data'), 'cli-test-passphrase');
    try {
      const sealed = [(await made.store.meta.get('hub_secret')) ?? '', ...(await made.store.keys.list()).map((k) => k.sealedPrivate)];
      expect(sealed).toHaveLength(3);
      for (const text of sealed) expect(JSON.parse(text)).toMatchObject({ ...PRODUCTION_SCRYPT_COST, N: 32768 });
    } finally {
      await made.close();
    }
    expectOneLineError(await run(['init']), /^jinka-hub: .* already holds a hub: nothing was changed/);
    expectOneLineError(await run(['key', 'list'], { JINKA_HUB_PASSPHRASE: 'wrong-passphrase' }), /^jinka-hub: wrong passphrase/);
    expectOneLineError(await run(['bogus']), /^jinka-hub: unknown command "bogus"/);
    expectOneLineError(await run(['key', 'list'], { JINKA_HUB_PASSPHRASE: '' }), /passphrase-file FILE or set JINKA_HUB_PASSPHRASE/);
    // The real process: exit status 2 and one line on stderr, nothing on stdout, no stack trace.
    for (const args of [['bogus'], ['key', 'list']]) {
      const refused = hubProcess(args, { ...env, JINKA_HUB_PASSPHRASE: 'wrong-passphrase' });
      expect(refused.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^jinka-hub: (unknown command "bogus"|wrong passphrase)/)]);
      expectOneLineError(refused, /^jinka-hub: /);
      expect(refused.stdout).toBe('');
    }
  });

  /**
   * The tests below work on one hub made in-process at the tests' cheap seal cost (the production
   * cost of `init` is asserted above): each command opens it in milliseconds instead of ~0.4 s.
   */
  describe('on one hub', () => {
    const hubEnv = { JINKA_HUB_DATA_DIR: at('hub') };
    const use = (args: string[]): Promise<HubRun> => run(args, hubEnv);
    const serveEnv = { ...env, ...hubEnv };

    beforeAll(async () => {
      const hub = await initHub(at('hub'), 'cli-test-passphrase', { sealCost: TEST_SEAL_COST });
      await hub.close();
    });

    it('issues a single card with token, QR and PDF, and a roster all-or-nothing unless --skip-bad', async () => {
      const one = await use(['issue', '--name', '张三明', '--id-number', idNumber(1), '--category', '2', '--from', '2026-03-01', '--until', '2031-02-28', '--out', at('single')]);
      expect(one.status).toBe(0);
      expect(one.stdout).toMatch(/^LC-A-000001 {2}A {2}张\*明 {2}2026-03-01 – 2031-02-28/);
      for (const f of ['LC-A-000001.jwt', 'LC-A-000001.png', 'cards.pdf', 'cards.csv']) expect(existsSync(at('single', f))).toBe(true);
      expect(readFileSync(at('single', 'cards.csv'), 'utf8')).not.toContain(idNumber(1));

      writeFileSync(
        at('roster.csv'),
        `\uFEFFname,id_number,category,valid_from,valid_until\n李晓华,${idNumber(2)},3,2026-03-01,2031-02-28\n王芳,${idNumber(3)},7,2026-03-01,2031-02-28\n赵强,${idNumber(4)},5,2026-03-01,2031-02-28\n`,
      );
      const refused = await use(['issue-batch', at('roster.csv'), '--out', at('batch'), '--no-pdf']);
      expect(refused.stderr).toMatch(/roster\.csv line 3: category must be 1–5/);
      expectOneLineError(refused, /1 problem\(s\) in \S*roster\.csv; nothing was issued/);
      const skipped = await use(['issue-batch', at('roster.csv'), '--out', at('batch'), '--skip-bad']);
      expect(skipped.status).toBe(0);
      expect(skipped.stdout).toMatch(/LC-B-000002 .*\nLC-C-000003 .*[\s\S]*Issued 2 card/);
      expect(existsSync(at('batch', 'cards.pdf'))).toBe(true);
      expectOneLineError(await use(['issue', '--name', '张三明', '--id-number', idNumber(1), '--category', '2', '--from', '2026-03-01', '--until', '2031-02-28', '--no-pdf']), /already has card LC-A-000001/);
    });

    it('revokes and re-issues, and the published files bring a real terminal to reject the revoked card', async () => {
      expect((await use(['revoke', 'LC-A-000001', '--reason', '违纪收回'])).stdout).toMatch(/revocation sequence 2/);
      const reissue = await use(['reissue', '--id-number', idNumber(2), '--out', at('reissued'), '--no-pdf']);
      expect(reissue.stdout).toMatch(/LC-B-000002 revoked, re-issued as LC-B-000004; revocation sequence 3/);
      expect((await use(['publish', '--out', at('usb')])).status).toBe(0);
      const terminal = Terminal.create(at('terminal'), () => Date.parse('2026-06-01T02:00:00Z'));
      try {
        expect(terminal.importText(readFileSync(at('usb', 'provision', 'trust.json'), 'utf8')).ok).toBe(true);
        const lines = readFileSync(at('usb', 'bundles.jwt'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
        // trust.json names trust version 1, so the file's trust v1 is skipped as held (§5: held + 1 only).
        expect(lines.map((l) => { const r = terminal.importText(l); return r.ok ? 'ok' : r.error.code; })).toEqual(['REPLAY', 'ok', 'ok']);
        const decide = (file: string) => terminal.decide({ token: readFileSync(at(file), 'utf8').trim(), service: 'gym', atMs: Date.parse('2026-06-01T02:00:00Z'), companions: {} }).decision;
        expect(decide('single/LC-A-000001.jwt')).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
        expect(decide('batch/LC-B-000002.jwt')).toMatchObject({ decision: 'reject', reasons: ['REVOKED'] });
        expect(decide('reissued/LC-B-000004.jwt')).toMatchObject({ decision: 'accept', card: { name: '李*华' } });
      } finally {
        terminal.close();
      }
    });

    it('serves as its own process: a terminal enrols with a CLI code, is refused with 403 once the CLI disables it, and SIGTERM ends it with status 0', async () => {
      const code = (JSON.parse((await use(['enrol-code', '--site', '东昌影城', '--service', 'cinema', '--json'])).stdout) as { code: string }).code;
      const server = spawn(process.execPath, [HUB_BIN, 'serve', '--port', '0', '--quiet'], { cwd: dir, env: serveEnv });
      try {
        const url = await new Promise<string>((resolveUrl, reject) => {
          let out = '';
          server.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const m = /Hub serving at (http:\/\/\S+)/.exec(out);
            if (m?.[1]) resolveUrl(m[1]);
          });
          server.on('exit', (status) => reject(new Error(`serve exited ${String(status)}`)));
        });
        const key = generateSigningKey('T1');
        const enrolled = await fetch(`${url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, terminalId: 'T1', site: 'x', service: 'cinema', publicJwk: key.publicJwk }) });
        expect(enrolled.status).toBe(200);
        // A token is made for one request and taken once.
        const auth = () => `Jinka-Terminal ${signRequestToken('T1', key.privateKey, Date.now(), { method: 'GET', target: '/v1/quota?since=0' })}`;
        expect((await fetch(`${url}/v1/quota?since=0`, { headers: { authorization: auth() } })).status).toBe(200);
        expect((await use(['terminal', 'list'])).stdout).toMatch(/T1 +东昌影城 \/ cinema {2}active/);
        expect((await use(['terminal', 'disable', 'T1', '--reason', 'stolen'])).status).toBe(0);
        const refused = await fetch(`${url}/v1/quota?since=0`, { headers: { authorization: auth() } });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: 'TERMINAL_DISABLED' });
      } finally {
        server.kill('SIGTERM');
      }
      const status = await new Promise<number | null>((res) => (server.exitCode !== null ? res(server.exitCode) : server.on('exit', res)));
      expect(status).toBe(0);
    });

    it('imports a USB usage file idempotently, writes an acknowledgement, and reports with CSV', async () => {
      const code = (JSON.parse((await use(['enrol-code', '--site', '汽车站', '--service', 'bus', '--json'])).stdout) as { code: string }).code;
      const key = generateSigningKey('T2');
      // `serve` in this process: it runs until its stop signal resolves, as the process does on SIGTERM.
      let stop: (signal: string) => void = () => undefined;
      let served: (url: string) => void = () => undefined;
      const listening = new Promise<string>((res) => (served = res));
      const serving = hubInProcess(['serve', '--port', '0', '--quiet'], serveEnv, new Promise<string>((res) => (stop = res)), (line) => {
        const m = /Hub serving at (http:\/\/\S+)/.exec(line);
        if (m?.[1]) served(m[1]);
      });
      try {
        const url = await Promise.race([listening, serving.then((r) => Promise.reject(new Error(`serve ended: ${r.stderr}`)))]);
        const r = await fetch(`${url}/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, terminalId: 'T2', site: 'x', service: 'bus', publicJwk: key.publicJwk }) });
        expect(r.status).toBe(200);
      } finally {
        stop('SIGTERM');
      }
      expect((await serving).status).toBe(0);
      const body = JSON.stringify({ id: 'u-1', decisionId: 'd-1', iss: 'lc-hrss', sub: 'LC-C-000003', tier: 'C', service: 'bus', beneficiary: '', atMs: Date.parse('2026-06-01T02:00:00Z'), realMs: Date.now(), companions: { spouse: 1 }, ticket: 'K1' });
      const hash = auditHash('0'.repeat(64), 1, Date.now(), 'use', body);
      const entry = { seq: 1, at_ms: Date.now(), kind: 'use', body, prev_hash: '0'.repeat(64), hash: '' };
      entry.hash = auditHash(entry.prev_hash, entry.seq, entry.at_ms, entry.kind, entry.body);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      const batch = signEs256({ typ: 'jinka/audit-batch', terminal: 'T2', iat: Math.floor(Date.now() / 1000), entries: [entry] }, key.privateKey, 'T2');
      writeFileSync(at('usage.txt'), `${batch}\n`);
      const first = await use(['import-usage', at('usage.txt')]);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/1 batch\(es\): 1 entries stored, 0 duplicates, 1 uses/);
      expect(readFileSync(at('usage.txt.ack.jwt'), 'utf8').split('.')).toHaveLength(3);
      expect((await use(['import-usage', at('usage.txt')])).stdout).toMatch(/0 entries stored, 1 duplicates, 0 uses/);
      const report = await use(['report', '--csv', at('report.csv')]);
      expect(report.stdout).toMatch(/Uses: 1, companions served: 1/);
      expect(readFileSync(at('report.csv'), 'utf8')).toMatch(/^\uFEFFday,site,service,tier,uses,companions\r\n2026-06-01,汽车站,bus,C,1,1\r\n$/);
    });
  });

  it('builds a demo hub without serving, in a folder named relative to the working folder', async () => {
    // A real process: `--dir demo` is resolved against its working folder.
    const demo = hubProcess(['demo', '--dir', 'demo', '--no-serve'], env, dir);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/DEMO keys only/);
    expect(demo.stdout).toMatch(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4} {2}演示影城东昌店 DEMO \/ cinema/);
    expect(demo.stdout).toMatch(/Passphrase file: demo\/DEMO-passphrase\.txt; data: demo\/data/);
    expect(existsSync(at('demo', 'publish', 'bundles.jwt'))).toBe(true);
    expect((await run(['key', 'list', '--data-dir', at('demo', 'data'), '--passphrase-file', at('demo', 'DEMO-passphrase.txt')])).stdout).toMatch(/DEMO-lc-\d{4}-1/);
  });
});

describe('jinka-hub data folder (issues 7 and 8)', () => {
  const { dir, cleanup } = tempDir('jinka-hub-folder-');
  const env = { ...process.env, JINKA_HUB_PASSPHRASE: 'cli-test-passphrase', JINKA_LANG: 'en', JINKA_DEBUG: '' };
  const run = (args: string[]): Promise<HubRun> => hubInProcess(args, env);
  const expectRefused = (r: { status: number | null; stderr: string; stdout: string }, pattern: RegExp) => {
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(pattern)]);
    expect(r.stdout).toBe('');
  };
  const modeOf = (path: string): number => statSync(path).mode & 0o777;

  afterAll(() => cleanup());

  it('creates the folder 0700 and the database 0600 at init, and warns when an existing folder is looser', async () => {
    const data = join(dir, 'hub');
    expect((await run(['init', '--data-dir', data])).status).toBe(0);
    expect(modeOf(data)).toBe(0o700);
    expect(modeOf(join(data, 'jinka-hub.sqlite'))).toBe(0o600);
    chmodSync(data, 0o755);
    const listed = await run(['key', 'list', '--data-dir', data]);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toMatch(/^jinka-hub: warning: .*hub can be read by other users \(mode 0755\): run chmod 700 /);
  });

  it('refuses a mistyped or empty --data-dir and creates nothing', async () => {
    const typo = join(dir, 'no-such-hub');
    for (const args of [['key', 'list'], ['report', '--json'], ['terminal', 'list']]) {
      expectRefused(await run([...args, '--data-dir', typo]), /^jinka-hub: .*no-such-hub does not exist: check --data-dir \(to make a new hub database there: jinka-hub init --data-dir /);
    }
    expect(existsSync(typo)).toBe(false);
    // A real process in `dir`: an empty --data-dir is refused, not taken as the working folder.
    expectRefused(hubProcess(['key', 'list', '--data-dir', ''], env, dir), /^jinka-hub: --data-dir is empty/);
    expect(existsSync(join(dir, 'jinka-hub.sqlite'))).toBe(false);
  });

  it('refuses a hub database emptied to 0 bytes or deleted beside its WAL, even to init', async () => {
    const data = join(dir, 'emptied');
    await (await initHub(data, 'cli-test-passphrase', { sealCost: TEST_SEAL_COST })).close();
    writeFileSync(join(data, 'jinka-hub.sqlite'), '');
    for (const args of [['key', 'list'], ['init']]) {
      expectRefused(await run([...args, '--data-dir', data]), /^jinka-hub: the hub database .* is empty \(0 bytes\): restore it from a backup/);
    }
    expect(statSync(join(data, 'jinka-hub.sqlite')).size).toBe(0);
    const lost = join(dir, 'lost');
    mkdirSync(lost);
    writeFileSync(join(lost, 'jinka-hub.sqlite-wal'), 'x');
    expectRefused(await run(['init', '--data-dir', lost]), /is missing but the folder still holds jinka-hub\.sqlite-wal: restore jinka-hub\.sqlite from a backup/);
  });

  it('refuses a folder where the hub database should be, and a non-empty folder of other files, in one line', async () => {
    const replaced = join(dir, 'replaced');
    mkdirSync(join(replaced, 'jinka-hub.sqlite'), { recursive: true });
    for (const args of [['key', 'list'], ['init']]) {
      expectRefused(await run([...args, '--data-dir', replaced]), /^jinka-hub: .*jinka-hub\.sqlite is a folder where the hub database should be: move it away and restore/);
    }
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'x');
    expectRefused(await run(['init', '--data-dir', foreign]), /^jinka-hub: .*foreign is not empty and holds no hub database: choose an empty or new folder/);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
  });
});
