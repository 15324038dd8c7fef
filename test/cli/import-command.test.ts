import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuthority, tempDir, type TestAuthority } from '../support/fixtures.js';
import { expectFailed, jinka, jsonOf, secOf, timeline, writeProvisioningFiles } from './run-jinka.js';

describe('jinka import', () => {
  const t = timeline();
  let authority: TestAuthority;
  let work: { dir: string; cleanup: () => void };
  let data: string;
  let files: ReturnType<typeof writeProvisioningFiles>;

  /** What an import may change, from `jinka status --json` (list ages follow the real clock, so they are left out). */
  const status = async () => {
    const s = jsonOf(await jinka(['status', '--json', '--data-dir', data])) as Record<string, unknown> & { revocationLists: { ageHours?: number }[] };
    return {
      issuers: s.issuers,
      revocationLists: s.revocationLists.map(({ ageHours: _age, ...list }) => list) as { iss: string; seq: number; revoked: number }[],
      rules: s.rules,
      trustVersion: s.trustVersion,
      latestSeen: s.latestSeen,
    };
  };
  const auditEntries = async () => (jsonOf(await jinka(['audit', 'verify', '--json', '--data-dir', data])) as { entries: number }).entries;

  beforeAll(() => {
    authority = makeAuthority();
    work = tempDir('jinka-cli-import-');
    data = join(work.dir, 'data');
    files = writeProvisioningFiles(authority, work.dir, t.listsIatMs);
  });
  afterAll(() => work.cleanup());

  it('imports the plain trust file into a new terminal, then a signed revocation list (exit 0)', async () => {
    const trust = await jinka(['import', files.trust, '--data-dir', data]);
    expect(trust.code).toBe(0);
    expect(trust.stderr).toBe('');
    expect(trust.stdout).toMatch(/Trust file imported: lc-hrss, sd-hrss/);

    const list = await jinka(['import', files.lc, '--json', '--data-dir', data]);
    expect(list.code).toBe(0);
    expect(jsonOf(list)).toEqual({ kind: 'revocations', iss: 'lc-hrss', seq: 1, base: 0, added: 0 });
    expect((await status()).revocationLists).toMatchObject([{ iss: 'lc-hrss', seq: 1 }]);
  });

  it('refuses a second plain trust file with exit 2 and one line, changing nothing', async () => {
    const before = { status: await status(), audit: await auditEntries() };
    const other = makeAuthority();
    const file = join(work.dir, 'other-trust.json');
    writeFileSync(file, JSON.stringify(other.trust));
    expectFailed(await jinka(['import', file, '--data-dir', data]), /TRUST_FILE_REFUSED/);
    expectFailed(await jinka(['import', files.trust, '--data-dir', data]), /TRUST_FILE_REFUSED/);
    expect(await status()).toEqual(before.status);
    expect(await auditEntries()).toBe(before.audit);
  });

  it('refuses a tampered bundle with exit 2, changing nothing', async () => {
    const bundle = authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 2, base: 1, iat: secOf(t.nowMs), revoked: [{ sub: 'LC-A-000123' }] });
    const [h, p, s] = bundle.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, revoked: [{ sub: 'LC-A-000999' }] })).toString('base64url')}.${s}`;
    const file = join(work.dir, 'tampered.jwt');
    writeFileSync(file, tampered);
    const before = { status: await status(), audit: await auditEntries() };
    expectFailed(await jinka(['import', file, '--data-dir', data]), /BAD_SIGNATURE/);
    expect(await status()).toEqual(before.status);
    expect(await auditEntries()).toBe(before.audit);

    // The untampered bundle is still welcome afterwards.
    writeFileSync(file, bundle);
    expect((await jinka(['import', file, '--data-dir', data])).code).toBe(0);
    expect((await status()).revocationLists).toMatchObject([{ iss: 'lc-hrss', seq: 2, revoked: 1 }]);
  });

  it('refuses a replayed bundle, and one signed by a forger using a trusted key id, with exit 2', async () => {
    expectFailed(await jinka(['import', files.lc, '--data-dir', data]), /REPLAY/);
    const forger = makeAuthority(); // same key ids, different keys
    const file = join(work.dir, 'forged.jwt');
    writeFileSync(file, forger.bundle({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: secOf(t.nowMs), revoked: [] }));
    expectFailed(await jinka(['import', file, '--data-dir', data]), /BAD_SIGNATURE/);
    expect((await status()).revocationLists.map((l) => l.iss)).toEqual(['lc-hrss']);
  });

  it('answers a missing file, a file that is no bundle, and a missing FILE with exit 2', async () => {
    expectFailed(await jinka(['import', join(work.dir, 'nope.jwt'), '--data-dir', data]), /cannot read/);
    const junk = join(work.dir, 'junk.txt');
    writeFileSync(junk, 'hello, terminal');
    expectFailed(await jinka(['import', junk, '--data-dir', data]), /NOT_A_BUNDLE/);
    expectFailed(await jinka(['import', '--data-dir', data]));
  });
});

describe('jinka (command dispatch)', () => {
  it('answers an unknown command with exit 2 and one line', async () => {
    expectFailed(await jinka(['frobnicate', '--data-dir', '/nonexistent']), /unknown command "frobnicate"/);
  });

  it('answers an unknown option with exit 2 and one line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      expectFailed(await jinka(['status', '--colour', '--data-dir', dir]));
    } finally {
      cleanup();
    }
  });
});
