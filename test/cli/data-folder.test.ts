import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/store/database.js';
import { ROOT } from '../support/built-dist.js';
import { tempDir } from '../support/fixtures.js';
import { expectFailed, jinka, jsonOf, shanghai, useProvisionedCli } from './run-jinka.js';

/** Every command that reads a terminal, with the arguments it needs. */
const READERS: string[][] = [['status'], ['history'], ['audit', 'verify'], ['export'], ['settings'], ['operator', 'list'], ['sync', 'status']];

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('a data folder is never silently recreated (issue 8, DESIGN.md §7)', () => {
  const { t, cards, dataDir, authority, run } = useProvisionedCli();
  let work: { dir: string; cleanup: () => void };
  beforeAll(() => {
    work = tempDir('jinka-cli-folder-');
  });
  afterAll(() => work.cleanup());

  /** A copy of the provisioned terminal to damage. */
  const copy = (name: string): string => {
    const dir = join(work.dir, name);
    cpSync(dataDir(), dir, { recursive: true });
    return dir;
  };

  it('refuses a mistyped --data-dir for every reading command, and creates nothing', async () => {
    const typo = join(work.dir, 'no-such-folder');
    for (const args of [...READERS, ['verify', cards.goldA, '--service', 'cinema']]) {
      expectFailed(await jinka([...args, '--data-dir', typo]), /does not exist: check --data-dir \(to make a new database there: jinka init --data-dir /);
    }
    expect(existsSync(typo)).toBe(false);
  });

  it('refuses --data-dir "" rather than using the current folder', async () => {
    const cwd = join(work.dir, 'cwd');
    mkdirSync(cwd);
    expectFailed(await jinka(['status', '--data-dir', ''], { cwd }), /--data-dir is empty/);
    expectFailed(await jinka(['init', '--data-dir', ''], { cwd }), /--data-dir is empty/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a folder that is not a terminal and one named by a file', async () => {
    const plain = join(work.dir, 'plain');
    mkdirSync(plain);
    expectFailed(await jinka(['status', '--data-dir', plain]), /holds no database: check --data-dir \(to make a new one there: jinka init --data-dir /);
    expectFailed(await jinka(['verify', cards.goldA, '--service', 'cinema', '--data-dir', plain]), /holds no database/);
    expect(readdirSync(plain)).toEqual([]);
    const file = join(work.dir, 'a-file');
    writeFileSync(file, 'x');
    expectFailed(await jinka(['status', '--data-dir', file]), /is not a folder: give --data-dir the data folder/);
    expectFailed(await jinka(['init', '--data-dir', file]), /is not a folder/);
  });

  it('refuses a database emptied to 0 bytes, even to init, and leaves it as it is', async () => {
    const dir = copy('emptied');
    writeFileSync(join(dir, DB_FILE), '');
    for (const args of [['audit', 'verify'], ['status'], ['verify', cards.goldA, '--service', 'cinema'], ['init']]) {
      expectFailed(await jinka([...args, '--data-dir', dir]), /is empty \(0 bytes\): restore it from a backup/);
    }
    expect(statSync(join(dir, DB_FILE)).size).toBe(0);
  });

  it('refuses a deleted database beside the terminal key (enrolled) to every command, init and a trust file alike', async () => {
    const dir = copy('deleted');
    writeFileSync(join(dir, 'terminal-key.pem'), 'a key');
    rmSync(join(dir, DB_FILE));
    const trust = join(work.dir, 'trust.json');
    writeFileSync(trust, JSON.stringify(authority.trust));
    for (const args of [['sync', 'status'], ['audit', 'verify'], ['init'], ['import', trust]]) {
      expectFailed(await jinka([...args, '--data-dir', dir]), /is missing but the folder still holds terminal-key\.pem: restore jinka\.sqlite from a backup/);
    }
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
  });

  it('refuses a database from a newer Jinka in one clear line', async () => {
    const dir = copy('future');
    const db = new Database(join(dir, DB_FILE));
    db.pragma('user_version = 99');
    db.close();
    expectFailed(await jinka(['status', '--data-dir', dir]), /^jinka: the database schema 99 is newer than this program \(\d+\): it was written by a newer Jinka; install that version/);
  });

  it('creates a terminal only by init or a trust file, folder 0700 and database 0600, and warns about a looser existing folder', async () => {
    const made = join(work.dir, 'new', 'terminal');
    const init = await jinka(['init', '--data-dir', made]);
    expect(init.code).toBe(0);
    expect(init.stderr).toBe('');
    expect(modeOf(made)).toBe(0o700);
    expect(modeOf(join(made, DB_FILE))).toBe(0o600);

    const viaTrust = join(work.dir, 'via-trust');
    const trust = join(work.dir, 'trust-first.json');
    writeFileSync(trust, JSON.stringify(authority.trust));
    expect((await jinka(['import', trust, '--data-dir', viaTrust])).code).toBe(0);
    expect(modeOf(join(viaTrust, DB_FILE))).toBe(0o600);

    // A signed bundle is not first provisioning: it needs a terminal.
    const bundleOnly = join(work.dir, 'bundle-only');
    const list = join(work.dir, 'list.jwt');
    writeFileSync(list, authority.bundle({ iss: 'lc-hrss', typ: 'jinka/revocations', seq: 1, base: 0, iat: Math.floor(t.listsIatMs / 1000), revoked: [] }));
    expectFailed(await jinka(['import', list, '--data-dir', bundleOnly]), /does not exist/);
    expect(existsSync(bundleOnly)).toBe(false);

    const loose = join(work.dir, 'loose');
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    const warned = await jinka(['init', '--data-dir', loose]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^jinka: warning: .*loose can be read by other users \(mode 0755\): run chmod 700 .*loose\n$/);
    expect(modeOf(join(loose, DB_FILE))).toBe(0o600);
  });

  it('audits a database whose usage rows were deleted or a byte flipped: exit 1, not "intact"', async () => {
    expect((await run('verify', cards.goldA, '--service', 'cinema', '--at', shanghai(t.atMs), '--record')).code).toBe(0);
    expect((await run('audit', 'verify')).stdout).toMatch(/intact/);
    const deleted = copy('usage-deleted');
    const db = new Database(join(deleted, DB_FILE));
    db.prepare('DELETE FROM usage').run();
    db.close();
    const check = await jinka(['audit', 'verify', '--json', '--data-dir', deleted]);
    expect(check.code).toBe(1);
    expect(jsonOf(check)).toMatchObject({ ok: false, problem: 'use-missing' });
    expect((await jinka(['audit', 'verify', '--data-dir', deleted])).stdout).toMatch(/Usage records disagree with the audit chain at entry \d+ \(use-missing\)/);

    // One byte of a use row's service name flipped on disk ("cinema" → "cinemb"): quick_check saw nothing wrong;
    // integrity_check finds the row no longer matching its usage_card index entry.
    const flipped = copy('usage-flipped');
    const bytes = readFileSync(join(flipped, DB_FILE));
    // The usage record stores iss, sub, tier, service side by side.
    const at = bytes.indexOf(Buffer.from('LC-A-000123Acinema'));
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf(Buffer.from('LC-A-000123Acinema'), at + 1)).toBe(-1);
    bytes[at + 'LC-A-000123Acinem'.length] = 'b'.charCodeAt(0);
    writeFileSync(join(flipped, DB_FILE), bytes);
    const flippedCheck = await jinka(['audit', 'verify', '--json', '--data-dir', flipped]);
    expect(flippedCheck.code).toBe(1);
    expect(jsonOf(flippedCheck)).toMatchObject({ ok: false, problem: 'damaged' });

    // A voided_uses row inserted by hand gives the card its film back: no void entry accounts for it.
    const forged = copy('void-forged');
    const fdb = new Database(join(forged, DB_FILE));
    fdb.prepare("INSERT INTO voided_uses SELECT id, audit_seq, at_ms, 'gate' FROM usage").run();
    fdb.close();
    const forgedCheck = await jinka(['audit', 'verify', '--data-dir', forged]);
    expect(forgedCheck.code).toBe(1);
    expect(forgedCheck.stdout).toMatch(/^Usage records disagree with the audit chain at entry \d+ \(use-void-unaudited\)/);

    // One byte of the card number in the usage_card index: quick_check sees nothing, integrity_check does; one line.
    const indexed = copy('index-flipped');
    const idb = new Database(join(indexed, DB_FILE));
    const root = idb.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'usage_card'").get()!.rootpage;
    const pageSize = idb.pragma('page_size', { simple: true }) as number;
    idb.close();
    const image = readFileSync(join(indexed, DB_FILE));
    const key = image.indexOf(Buffer.from('LC-A-000123'), (root - 1) * pageSize);
    expect(key).toBeLessThan(root * pageSize);
    image[key + 10] = '4'.charCodeAt(0);
    writeFileSync(join(indexed, DB_FILE), image);
    const indexCheck = await jinka(['audit', 'verify', '--data-dir', indexed]);
    expect(indexCheck.code).toBe(1);
    expect(indexCheck.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(indexCheck.stdout).toMatch(/^The database is damaged \(SQLite integrity_check: [^*]+\): quotas and reports cannot be trusted/);
  });
});

describe('making a data folder (fault reproductions)', () => {
  const { dataDir } = useProvisionedCli();
  let work: { dir: string; cleanup: () => void };
  beforeAll(() => {
    work = tempDir('jinka-cli-make-');
  });
  afterAll(() => work.cleanup());

  it('refuses a folder where the database should be, in one line, to every command and init', async () => {
    const dir = join(work.dir, 'db-is-folder');
    mkdirSync(join(dir, DB_FILE), { recursive: true });
    for (const args of [['status'], ['init'], ['audit', 'verify']]) {
      expectFailed(await jinka([...args, '--data-dir', dir]), /jinka\.sqlite is a folder where the database should be: move it away and restore jinka\.sqlite from a backup/);
    }
  });

  it('refuses a dangling symbolic link as --data-dir in one line, and makes nothing', async () => {
    const link = join(work.dir, 'dangling');
    symlinkSync(join(work.dir, 'gone'), link);
    expectFailed(await jinka(['init', '--data-dir', link]), /dangling is a symbolic link to .*gone, which does not exist: make that folder/);
    expect(existsSync(join(work.dir, 'gone'))).toBe(false);
  });

  it('refuses to take over a non-empty folder that holds no Jinka files (init --data-dir /), and writes nothing there', async () => {
    const dir = join(work.dir, 'foreign');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expectFailed(await jinka(['init', '--data-dir', dir]), /foreign is not empty and holds no database: choose an empty or new folder for --data-dir/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    if (process.getuid?.() === 0) {
      expectFailed(await jinka(['init', '--data-dir', '/']), /^jinka: \/ is not empty/);
      expect(existsSync(`/${DB_FILE}`)).toBe(false);
    }
  });

  it('takes a negative schema version (a damaged header) as damage, in one line', async () => {
    const dir = join(work.dir, 'negative');
    cpSync(dataDir(), dir, { recursive: true });
    const bytes = readFileSync(join(dir, DB_FILE));
    bytes[60] = 0xff;
    writeFileSync(join(dir, DB_FILE), bytes);
    for (const args of [['status'], ['init'], ['audit', 'verify']]) {
      expectFailed(await jinka([...args, '--data-dir', dir]), /jinka\.sqlite is damaged \(schema version -\d+\): restore it from a backup/);
    }
  });

  it('an init killed part-way leaves no database under the real name; the next init makes a whole one', async () => {
    const dir = join(work.dir, 'killed');
    mkdirSync(dir, { mode: 0o700 });
    // What a killed init leaves now: a draft of a process that no longer runs (pid above any pid_max).
    writeFileSync(join(dir, `.${DB_FILE}.new-999999999-0badf00d`), '');
    const init = await jinka(['init', '--data-dir', dir]);
    expect(init.code).toBe(0);
    expect(readdirSync(dir)).toEqual([DB_FILE]);
    // A real kill -9 at several points: never a 0-byte or half-made database, and init then works.
    for (const delayMs of [60, 150, 250, 350]) {
      const fresh = join(work.dir, `kill-${delayMs}`);
      const child = spawnSync('sh', ['-c', `node "$0" init --data-dir "$1" >/dev/null 2>&1 & pid=$!; sleep ${delayMs / 1000}; kill -9 $pid; wait $pid; exit 0`, join(ROOT, 'bin/jinka.js'), fresh]);
      expect(child.status).toBe(0);
      const after = await jinka(['init', '--data-dir', fresh]);
      expect([delayMs, after.code, after.stderr]).toEqual([delayMs, 0, '']);
      expect((await jinka(['audit', 'verify', '--data-dir', fresh])).code).toBe(0);
    }
  });

  it('several inits of one new folder at once: all succeed and share one database', async () => {
    const runInit = (dir: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/jinka.js'), 'init', '--data-dir', dir], { env: { ...process.env, JINKA_LANG: 'en' } });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('close', (code) => resolve({ code, stderr }));
      });
    for (let round = 0; round < 4; round += 1) {
      const dir = join(work.dir, `race-${round}`);
      const runs = await Promise.all([1, 2, 3, 4].map(() => runInit(dir)));
      expect([round, runs]).toEqual([round, runs.map(() => ({ code: 0, stderr: '' }))]);
      expect(readdirSync(dir).filter((name) => !name.startsWith(`${DB_FILE}-`))).toEqual([DB_FILE]);
    }
  });

  it('export --out writes card numbers 0600 even under umask 000', () => {
    const out = join(work.dir, 'uses.csv');
    writeFileSync(`${out}.partial`, 'left from an earlier attempt', { mode: 0o666 });
    chmodSync(`${out}.partial`, 0o666);
    const run = spawnSync('sh', ['-c', 'umask 000; exec "$0" "$@"', process.execPath, join(ROOT, 'bin/jinka.js'), 'export', '--out', out, '--data-dir', dataDir()], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(modeOf(out)).toBe(0o600);
  });

  it('exits quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/jinka.js'), 'help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('a write-protected backup (issue 8)', () => {
  const { dataDir, run, cards, t } = useProvisionedCli();
  let work: { dir: string; cleanup: () => void };
  beforeAll(() => {
    work = tempDir('jinka-cli-backup-');
    // The child runs as another user when we are root (root ignores modes): it must reach the copy.
    chmodSync(work.dir, 0o711);
  });
  afterAll(() => work.cleanup());

  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65_534;
  /** A copy of the data folder nobody may write, and how to run jinka as a user who cannot. */
  const writeProtected = async (): Promise<{ dir: string; as: { uid?: number; gid?: number } }> => {
    expect((await run('verify', cards.goldA, '--service', 'cinema', '--at', shanghai(t.atMs), '--record')).code).toBe(0);
    const dir = join(work.dir, 'backup');
    cpSync(dataDir(), dir, { recursive: true });
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o400);
    if (asRoot) {
      for (const name of ['', ...readdirSync(dir)]) chownSync(join(dir, name), NOBODY, NOBODY);
    }
    chmodSync(dir, 0o500);
    return { dir, as: asRoot ? { uid: NOBODY, gid: NOBODY } : {} };
  };

  it('can still be audited and exported (read-only), and a write says so in one line', async () => {
    const { dir, as } = await writeProtected();
    const audit = await jinka(['audit', 'verify', '--json', '--data-dir', dir], as);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(0);
    expect(jsonOf(audit)).toMatchObject({ ok: true });
    const csv = await jinka(['export', '--data-dir', dir], as);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/cinema/);
    expectFailed(await jinka(['settings', '--set', 'listStaleHours=24', '--data-dir', dir], as), /cannot write .*backup \(SQLITE_READONLY\w*\): this command writes; check the owner and permissions/);
    expect(readdirSync(dir).sort()).toEqual([DB_FILE]);
  });

  it('audits and exports a backup copied with its WAL file but no shared-memory file (newest uses only in the WAL)', async () => {
    // A reader holds the database open, so the recorded use stays in the WAL file when the command exits.
    const holder = new Database(join(dataDir(), DB_FILE), { readonly: true });
    try {
      holder.prepare('SELECT count(*) FROM usage').get();
      expect((await run('verify', cards.goldA, '--service', 'library', '--at', shanghai(t.atMs), '--record')).code).toBe(0);
      const dir = join(work.dir, 'wal-backup');
      mkdirSync(dir);
      for (const name of [DB_FILE, `${DB_FILE}-wal`]) cpSync(join(dataDir(), name), join(dir, name));
      expect(statSync(join(dir, `${DB_FILE}-wal`)).size).toBeGreaterThan(0);
      for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o400);
      if (asRoot) for (const name of ['', ...readdirSync(dir)]) chownSync(join(dir, name), NOBODY, NOBODY);
      chmodSync(dir, 0o500);
      const as = asRoot ? { uid: NOBODY, gid: NOBODY } : {};
      const audit = await jinka(['audit', 'verify', '--json', '--data-dir', dir], as);
      expect([audit.code, audit.stderr]).toEqual([0, '']);
      expect(jsonOf(audit)).toMatchObject({ ok: true });
      const csv = await jinka(['export', '--data-dir', dir], as);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toMatch(/library/);
      expect(readdirSync(dir).sort()).toEqual([DB_FILE, `${DB_FILE}-wal`]);
    } finally {
      holder.close();
    }
  });
});
