import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import type { CliContext } from '../../electron/cli/cli-context.js';
import { sec, type TestAuthority } from '../support/fixtures.js';
import { dayN, useCinema, useSyncEnv } from './support/sync-fixtures.js';
import { listSeq } from '../support/stores.js';
import { syncDetails } from '../../electron/core/sync/sync-status.js';

/** Runs one `jinka` command line in-process and collects what it printed. */
async function jinka(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = { locale: 'en', out: (l) => out.push(l), err: (l) => err.push(l), readStdin: () => '', env: {} };
  const code = await runCli([...argv, '--data-dir', dir], ctx);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const delta = (authority: TestAuthority, seq: number, subs: string[]) =>
  authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq, base: seq - 1, iat: sec('2026-06-01T09:30:00+08:00'), revoked: subs.map((sub) => ({ sub })) });

describe('jinka enrol, sync and import', () => {
  // The CLI runs on the real clock; so does this hub.
  const env = useSyncEnv({ hubOnRealClock: true });

  it('enrols, syncs and shows the sync state in jinka status', async () => {
    expect(JSON.parse((await jinka(env.t1.dir, 'sync', 'status', '--json')).out)).toMatchObject({ view: { state: 'not-enrolled' } });
    expect((await jinka(env.t1.dir, 'sync', 'now')).code).toBe(2);
    const enrolled = await jinka(env.t1.dir, 'enrol', '--hub', env.hub.url, '--code', 'ENROL-CODE-1', '--terminal-id', 'T1', '--site', 'Cinema A', '--service', 'cinema');
    expect(enrolled).toMatchObject({ code: 0, out: expect.stringContaining('Enrolled') as string });
    useCinema(env.t1.terminal, env.authority.card(), dayN(0));
    const synced = await jinka(env.t1.dir, 'sync', 'now');
    expect(synced.code).toBe(0);
    expect(synced.out).toMatch(/Uploaded \d+ entries/);
    expect(env.hub.usesFrom('T1')).toHaveLength(1);
    const status = await jinka(env.t1.dir, 'status');
    expect(status.out).toContain('Sync: idle');
    expect(status.out).toContain('Pending upload: 0 audit entries');
    expect(JSON.parse((await jinka(env.t1.dir, 'status', '--json')).out)).toMatchObject({ sync: { view: { state: 'idle', pendingUploads: 0 } } });
  });

  it('refuses to enrol over plain HTTP to a hub off this machine, saying why and how to override', async () => {
    const refused = await jinka(env.t1.dir, 'enrol', '--hub', 'http://hub.example.test', '--code', 'ENROL-CODE-1', '--terminal-id', 'T1', '--service', 'cinema');
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/^jinka: .*plain HTTP.*--insecure-http/);
    expect(syncDetails(env.t1.terminal).enrolment).toBeNull();
    const local = await jinka(env.t1.dir, 'enrol', '--hub', env.hub.url, '--code', 'ENROL-CODE-1', '--terminal-id', 'T1', '--service', 'cinema', '--insecure-http');
    expect(local.code).toBe(0);
    expect(syncDetails(env.t1.terminal).enrolment).not.toHaveProperty('insecureHttp');
  });

  it('round-trips a USB stick: export the queue, the hub takes it once, an acknowledgement file clears it', async () => {
    await jinka(env.t1.dir, 'enrol', '--hub', env.hub.url, '--code', 'ENROL-CODE-1', '--terminal-id', 'T1', '--service', 'cinema');
    for (let day = 0; day < 3; day += 1) useCinema(env.t1.terminal, env.authority.card(), dayN(day));
    const file = join(env.t1.dir, 'usb', 'T1-usage.jws');
    mkdirSync(join(env.t1.dir, 'usb'));
    const exported = await jinka(env.t1.dir, 'sync', 'export', file, '--json');
    expect(exported.code).toBe(0);
    const head = syncDetails(env.t1.terminal).auditHead;
    expect(JSON.parse(exported.out)).toMatchObject({ entries: head, uses: 3, throughSeq: head });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // The hub imports the file twice (a second stick with the same file): each use once.
    for (const line of [...lines, ...lines]) expect(env.hub.ingest(line)).not.toBeTypeOf('string');
    expect(env.hub.usesFrom('T1')).toHaveLength(3);
    expect(syncDetails(env.t1.terminal).uploadCursor).toBe(0);

    const ackFile = join(env.t1.dir, 'usb', 'T1-ack.jws');
    writeFileSync(ackFile, env.authority.bundle({ iss: 'lc-hrss', typ: 'jinka/audit-ack', terminal: 'T1', cursor: head, iat: sec('2026-06-02T09:00:00+08:00') }));
    const acked = await jinka(env.t1.dir, 'import', ackFile);
    expect(acked).toMatchObject({ code: 0, out: expect.stringContaining(`acknowledged through ${head}`) as string });
    expect(syncDetails(env.t1.terminal).uploadCursor).toBe(head);
    const other = join(env.t1.dir, 'usb', 'T2-ack.jws');
    writeFileSync(other, env.authority.bundle({ iss: 'lc-hrss', typ: 'jinka/audit-ack', terminal: 'T2', cursor: head + 5, iat: sec('2026-06-02T09:00:00+08:00') }));
    expect((await jinka(env.t1.dir, 'import', other)).code).toBe(2);
    // The import of the acknowledgement is itself audited, and goes up with the next sync.
    const synced = await jinka(env.t1.dir, 'sync', 'now', '--json');
    expect(JSON.parse(synced.out)).toMatchObject({ state: 'idle', upload: { accepted: 1, duplicates: 0 } });
    expect(env.hub.usesFrom('T1')).toHaveLength(3);
  });

  it('imports a file of several bundles in order, skipping ones already held', async () => {
    const file = join(env.t1.dir, 'bundles.jws');
    writeFileSync(file, [delta(env.authority, 2, ['LC-A-000001']), delta(env.authority, 3, ['LC-A-000002']), delta(env.authority, 2, ['LC-A-000001']), ''].join('\n'));
    const result = await jinka(env.t1.dir, 'import', file);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toHaveLength(3);
    expect(result.out).toContain('already held, skipped');
    expect(listSeq(env.t1.terminal, 'lc-hrss')).toBe(3);
  });

  it('imports every bundle of a folder in name order and exits 2 when one was refused', async () => {
    const folder = join(env.t1.dir, 'stick');
    mkdirSync(folder);
    writeFileSync(join(folder, '01-revocations.jws'), `${delta(env.authority, 2, ['LC-A-000001'])}\n`);
    writeFileSync(join(folder, '02-revocations.jws'), `${delta(env.authority, 4, ['LC-A-000009'])}\n`);
    writeFileSync(join(folder, '03-revocations.jws'), `${delta(env.authority, 3, ['LC-A-000002'])}\n`);
    const result = await jinka(env.t1.dir, 'import', folder);
    expect(result.code).toBe(2);
    expect(result.err).toContain('GAP');
    expect(listSeq(env.t1.terminal, 'lc-hrss')).toBe(3);
  });

  it('keeps §7 for one bundle: a replay is refused with exit 2', async () => {
    const file = join(env.t1.dir, 'one.jws');
    writeFileSync(file, delta(env.authority, 1, []));
    expect(await jinka(env.t1.dir, 'import', file)).toMatchObject({ code: 2, err: expect.stringContaining('REPLAY') as string });
  });
});
