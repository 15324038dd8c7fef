import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub.js';
import { startHubServer, type RunningHub } from '../../hub/server/hub-server.js';
import { createEnrolCode, enrolQrFor } from '../../hub/terminals/enrolment.js';
import { enrolQrText } from '../../shared/sync/enrol-qr.js';
import { holder, issue, tempDir, testHub } from '../hub/hub-fixtures.js';
import { expectFailed, jinka, jsonOf } from './run-jinka.js';

/** Every file of a folder and the SHA-256 of its bytes (and its mode): what "nothing changed" means on disk. */
function folderState(dir: string): Record<string, string> | 'absent' {
  if (!existsSync(dir)) return 'absent';
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, `${(statSync(join(dir, name)).mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')}`]),
  );
}

describe('jinka enrol --qr: one scan sets a terminal up', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const serveHub = async (): Promise<{ hub: Hub; server: RunningHub }> => {
    const made = await testHub(Date.now);
    cleanups.push(made.cleanup);
    const server = await startHubServer(made.hub, { port: 0 }, () => undefined);
    cleanups.push(() => server.close());
    return { hub: made.hub, server };
  };
  const folder = (): string => {
    const { dir, cleanup } = tempDir('jinka-qr-');
    cleanups.push(cleanup);
    return join(dir, 'terminal');
  };
  const qrFor = async (hub: Hub, url: string, options: { service?: string; hours?: number } = {}): Promise<{ qr: string; code: string }> => {
    const { code } = await createEnrolCode(hub, { site: '东昌影城', service: options.service ?? 'cinema', ...(options.hours !== undefined && { hours: options.hours }) });
    return { qr: await enrolQrFor(hub, url, code), code };
  };

  it('on a machine with no data folder: checks and pins the trust list, enrols under the code’s site and service, syncs, and verifies the bureau’s cards', async () => {
    const { hub, server } = await serveHub();
    const [card] = await issue(hub, [holder(1)]);
    const { qr } = await qrFor(hub, server.url);
    const dir = folder();
    const run = await jinka(['enrol', '--qr', '-', '--data-dir', dir, '--json'], { input: qr });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ hubUrl: server.url, site: '东昌影城', service: 'cinema', trustPinned: true, sync: 'idle', ready: true });
    expect((await hub.store.terminals.list()).map((t) => [t.site, t.service])).toEqual([['东昌影城', 'cinema']]);
    expect(statSync(join(dir, 'terminal-key.pem')).mode & 0o777).toBe(0o600);
    // Trust, rules and the revocation list are all there: a card of the bureau is accepted, with no LISTS_STALE.
    const verified = await jinka(['verify', card?.token ?? '', '--service', 'cinema', '--json', '--data-dir', dir]);
    expect(jsonOf(verified)).toMatchObject({ decision: 'accept', warnings: [] });
    const status = jsonOf(await jinka(['status', '--json', '--data-dir', dir]));
    expect(status).toMatchObject({ trustVersion: 1, rules: { version: 1, source: 'bundle' } });
  });

  it('says ready in Chinese by default', async () => {
    const { hub, server } = await serveHub();
    const { qr } = await qrFor(hub, server.url);
    const run = await jinka(['enrol', '--qr', qr, '--data-dir', folder()], { env: { JINKA_LANG: 'zh' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已核对中心的信任列表');
    expect(run.stdout).toContain('场所 东昌影城，服务 cinema');
    expect(run.stdout).toContain('可以开始核验');
  });

  it('refuses a hostile hub whose trust list another key signed: no folder is made, and an initialised one is left byte for byte', async () => {
    const real = await serveHub();
    const hostile = await serveHub();
    const { code } = await createEnrolCode(hostile.hub, { site: '假影城', service: 'cinema' });
    const genuine = JSON.parse(await enrolQrFor(real.hub, real.server.url, 'XXXX-XXXX-XXXX')) as { jinka_trust_key_thumbprint: string };
    // The QR names the bureau's trust key but points at a hub that signs with its own.
    const forged = enrolQrText({ url: hostile.server.url, token: code, thumbprint: genuine.jinka_trust_key_thumbprint });
    const fresh = folder();
    expectFailed(await jinka(['enrol', '--qr', forged, '--data-dir', fresh]), /trust list has no key with the QR’s thumbprint.*nothing was changed/);
    expect(folderState(fresh)).toBe('absent');
    expect(await hostile.hub.store.terminals.list()).toEqual([]);

    const initialised = folder();
    expect((await jinka(['init', '--data-dir', initialised])).code).toBe(0);
    const before = folderState(initialised);
    expectFailed(await jinka(['enrol', '--qr', forged, '--data-dir', initialised]), /thumbprint/);
    expect(folderState(initialised)).toEqual(before);
    // The hostile hub never got the code spent, nor a key.
    expect(await hostile.hub.store.terminals.list()).toEqual([]);
  });

  it('refuses a used (replayed) code and an expired one, in words, changing nothing', async () => {
    const { hub, server } = await serveHub();
    const { qr } = await qrFor(hub, server.url);
    expect((await jinka(['enrol', '--qr', qr, '--data-dir', folder()])).code).toBe(0);
    const second = folder();
    expectFailed(await jinka(['enrol', '--qr', qr, '--data-dir', second]), /this code has been used already.*nothing was changed/);
    expect(folderState(second)).toBe('absent');

    const soon = await qrFor(hub, server.url, { hours: 0.0001 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const third = folder();
    const zh = await jinka(['enrol', '--qr', soon.qr, '--data-dir', third], { env: { JINKA_LANG: 'zh' } });
    expectFailed(zh, /登记码已过期.*未做任何改动/);
    expect(folderState(third)).toBe('absent');
    expect(await hub.store.terminals.list()).toHaveLength(1);
  });

  it('refuses plain HTTP to another machine before sending anything (unless --insecure-http), and garbage or huge payloads', async () => {
    const { hub } = await serveHub();
    const { code } = await createEnrolCode(hub, { site: 'S', service: 'cinema' });
    const thumbprint = 'A'.repeat(43);
    const dir = folder();
    expect((await jinka(['init', '--data-dir', dir])).code).toBe(0);
    const before = folderState(dir);
    const plain = enrolQrText({ url: 'http://hub.example.gov.cn', token: code, thumbprint });
    expectFailed(await jinka(['enrol', '--qr', plain, '--data-dir', dir]), /plain HTTP to hub\.example\.gov\.cn is refused/);
    expectFailed(await jinka(['enrol', '--qr', '{"handshake_version": 1, "url": "https://x", "token": "ABCD-EFGH-JKLM"}', '--data-dir', dir]), /not an enrolment QR/);
    expectFailed(await jinka(['enrol', '--qr', 'eyJhbGciOiJFUzI1NiJ9.e30.sig', '--data-dir', dir]), /not an enrolment QR/);
    expectFailed(await jinka(['enrol', '--qr', `{"url":"${'x'.repeat(5000)}"}`, '--data-dir', dir]), /not an enrolment QR \(far too long\)/);
    expectFailed(await jinka(['enrol', '--qr', '-', '--data-dir', dir], { input: 'x'.repeat(1_000_000) }), /at most 1024 characters/);
    expectFailed(await jinka(['enrol', '--qr', plain, '--hub', 'https://x', '--data-dir', dir]), /usage/);
    expect(folderState(dir)).toEqual(before);
  });

  it('takes --service only as a check: another service than the code’s is refused and the code stays good', async () => {
    const { hub, server } = await serveHub();
    const { qr } = await qrFor(hub, server.url);
    const dir = folder();
    expectFailed(await jinka(['enrol', '--qr', qr, '--service', 'gym', '--data-dir', dir]), /issued for another service.*still unused/);
    expect(folderState(dir)).toBe('absent');
    const run = await jinka(['enrol', '--qr', qr, '--service', 'cinema', '--data-dir', dir, '--json']);
    expect(jsonOf(run)).toMatchObject({ service: 'cinema', ready: true });
  });
});
