import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeFromEnv } from '../../../node/cli/cli-kit.js';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';
import { Hub } from '../../../hub/hub.js';
import { startHubServer } from '../../../hub/server/hub-server.js';
import { PG_HUB_MIGRATIONS } from '../../../hub/store/postgres/migrations/index.js';
import { HubStoreUnavailableError } from '../../../hub/store/store-unavailable.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { createEnrolCode } from '../../../hub/terminals/enrolment.js';
import { authHeader, enrolTerminals } from '../../bench/hub-bench-data.js';
import { PASSPHRASE } from '../hub-fixtures.js';

/** Runs one `jinka-hub` command line in-process; answers its status and what it printed. */
async function hub(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: HubCliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env, lang: localeFromEnv(env), stopSignal: () => new Promise(() => undefined) };
  return { status: await runHubCli(argv, ctx), out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'jinka-hub-pg-'));
const passphraseFile = join(dir, 'passphrase');
writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on: the cluster's, once a throwaway cluster there has stopped. */
async function deadPort(): Promise<number> {
  const gone = await startPgCluster();
  await gone.stop();
  return gone.port;
}

describe('jinka-hub on PostgreSQL (--database, JINKA_HUB_DATABASE)', () => {
  it('init makes the hub in the database; every command then opens it there, by option or by environment', async () => {
    const url = await cluster.createDatabase();
    const common = ['--data-dir', join(dir, 'unused'), '--passphrase-file', passphraseFile];
    const made = await hub({ JINKA_LANG: 'en' }, 'init', '--database', url, ...common);
    expect(made.err).toEqual([]);
    expect(made.status).toBe(0);
    expect(made.out[0]).toBe(`Hub created in 127.0.0.1:${cluster.port}/${new URL(url).pathname.slice(1)}`);
    const listed = await hub({ JINKA_LANG: 'en', JINKA_HUB_DATABASE: url }, 'key', 'list', '--json', ...common);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.out.join('\n'))).toHaveLength(2); // the trust key and the signing key
    const again = await hub({ JINKA_LANG: 'en' }, 'init', '--database', url, ...common);
    expect(again.status).toBe(2);
    expect(again.err).toHaveLength(1);
    expect(again.err[0]).toMatch(/already holds a hub: nothing was changed/);
  });

  it('every command’s help names --database and JINKA_HUB_DATABASE', async () => {
    for (const lang of ['zh', 'en']) {
      const help = await hub({ JINKA_LANG: lang }, 'serve', '--help');
      expect(help.status).toBe(0);
      expect(help.out.join('\n')).toMatch(/--database postgres:\/\/….*JINKA_HUB_DATABASE/);
    }
  });

  it('a command on a database without the hub schema refuses in one line and creates nothing', async () => {
    const url = await cluster.createDatabase();
    const out = await hub({ JINKA_LANG: 'en' }, 'terminal', 'list', '--database', url, '--passphrase-file', passphraseFile);
    expect(out.status).toBe(2);
    expect(out.err).toEqual([`jinka-hub: 127.0.0.1:${cluster.port}${new URL(url).pathname} holds no hub database: run jinka-hub init --database … first`]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
    await client.end();
    expect(tables.rows[0]?.n).toBe('0');
  });

  it('a schema newer than this program is refused, as on SQLite', async () => {
    const url = await cluster.createDatabase();
    expect((await hub({}, 'init', '--database', url, '--data-dir', join(dir, 'unused'), '--passphrase-file', passphraseFile)).status).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('UPDATE schema_version SET version = 99');
    await client.end();
    const out = await hub({ JINKA_LANG: 'en' }, 'terminal', 'list', '--database', url, '--passphrase-file', passphraseFile);
    expect(out.status).toBe(2);
    expect(out.err).toEqual([`jinka-hub: hub database schema 99 is newer than this program (${PG_HUB_MIGRATIONS.length})`]);
  });

  it('an unreachable database: exit 2, one line in the chosen language naming the server, never the password', async () => {
    const url = `postgres://jinka:s3cret-pw@127.0.0.1:${await deadPort()}/hub`;
    for (const [lang, words] of [
      ['en', /^jinka-hub: cannot reach the hub database at 127\.0\.0\.1:\d+\/hub \(.*ECONNREFUSED.*\): check that it runs/],
      ['zh', /^jinka-hub: 无法连接中心数据库 127\.0\.0\.1:\d+\/hub（.*ECONNREFUSED.*）/],
    ] as const) {
      const out = await hub({ JINKA_LANG: lang, JINKA_HUB_DATABASE: url }, 'terminal', 'list', '--passphrase-file', passphraseFile);
      expect(out.status).toBe(2);
      expect(out.err).toHaveLength(1);
      expect(out.err[0]).toMatch(words);
      expect(out.err[0]).not.toContain('s3cret');
    }
  });

  it('audit verify, which reads the SQLite file, refuses a PostgreSQL database rather than check the folder instead', async () => {
    const url = await cluster.createDatabase();
    for (const env of [{ JINKA_LANG: 'en' }, { JINKA_LANG: 'en', JINKA_HUB_DATABASE: url }]) {
      const out = await hub(env, 'audit', 'verify', '--data-dir', join(dir, 'no-hub-here'), ...(env.JINKA_HUB_DATABASE === undefined ? ['--database', url] : []));
      expect(out.status).toBe(2);
      expect(out.err).toEqual(['jinka-hub: audit verify checks the SQLite file of a data folder; it does not read a PostgreSQL database yet (use PostgreSQL’s own checks and backups)']);
    }
  });

  it('a --database that is no PostgreSQL connection string is refused without echoing it', async () => {
    const out = await hub({ JINKA_LANG: 'en' }, 'terminal', 'list', '--database', 'mysql://root:pw@db/hub', '--passphrase-file', passphraseFile);
    expect(out.status).toBe(2);
    expect(out.err).toEqual(['jinka-hub: --database (or JINKA_HUB_DATABASE) must be a postgres:// or postgresql:// connection string']);
  });
});

describe('the hub server when PostgreSQL goes away', () => {
  it('answers 503 UNAVAILABLE with Retry-After (terminals treat it as offline and retry)', async () => {
    const own = await startPgCluster();
    try {
      const url = await own.createDatabase();
      expect((await hub({}, 'init', '--database', url, '--data-dir', join(dir, 'unused'), '--passphrase-file', passphraseFile)).status).toBe(0);
      const opened = await Hub.open(join(dir, 'unused'), PASSPHRASE, Date.now, url);
      const server = await startHubServer(opened, { port: 0 });
      try {
        const enrol = () =>
          fetch(`${server.url}/v1/enrol`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: 'ABCD-EFGH-JKLM', terminalId: 'T1', site: 's', service: 'cinema', publicJwk: generateSigningKey('T1').publicJwk }),
          });
        const up = await enrol();
        expect(await up.json()).toMatchObject({ error: 'UNKNOWN_CODE' }); // the store was asked
        await own.stop();
        const down = await enrol();
        expect(down.status).toBe(503);
        expect(down.headers.get('retry-after')).toBe('5');
        const body = (await down.json()) as { error: string; message: string };
        expect(body.error).toBe('UNAVAILABLE');
        expect(body.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/); // no internals to the caller
        await expect(opened.store.meta.get('settings')).rejects.toBeInstanceOf(HubStoreUnavailableError);
      } finally {
        await server.close();
      }
    } finally {
      await own.stop();
    }
  });
});

/** Makes every statement that writes `table` fail as a serialization failure would (SQLSTATE 40001), until `drop` is called. */
async function failWritesOf(url: string, table: string): Promise<{ drop: () => Promise<void> }> {
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE FUNCTION jinka_test_conflict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$;
             CREATE TRIGGER jinka_test_conflict BEFORE INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION jinka_test_conflict()`);
  return { drop: () => sql(`DROP TRIGGER jinka_test_conflict ON ${table}; DROP FUNCTION jinka_test_conflict()`) };
}

describe('a unit of work that keeps being rolled back on serialization failures', () => {
  it('runs out of retries as a database out of reach: HubStoreUnavailableError, answered 503 with Retry-After, nothing half-written', async () => {
    const url = await cluster.createDatabase();
    expect((await hub({}, 'init', '--database', url, '--data-dir', join(dir, 'unused'), '--passphrase-file', passphraseFile)).status).toBe(0);
    const opened = await Hub.open(join(dir, 'unused'), PASSPHRASE, Date.now, url);
    const server = await startHubServer(opened, { port: 0 });
    try {
      let runs = 0;
      const conflict = Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { code: '40001' });
      await expect(
        opened.store.transaction(() => {
          runs += 1;
          return Promise.reject(conflict);
        }),
      ).rejects.toBeInstanceOf(HubStoreUnavailableError);
      expect(runs).toBe(30); // every retry was spent first

      const { code } = await createEnrolCode(opened, { site: 's', service: 'cinema' });
      const enrol = () =>
        fetch(`${server.url}/v1/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, terminalId: 'T1', site: 's', service: 'cinema', publicJwk: generateSigningKey('T1').publicJwk }),
        });
      const failing = await failWritesOf(url, 'enrol_codes');
      const busy = await enrol();
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect(((await busy.json()) as { error: string }).error).toBe('UNAVAILABLE');
      await failing.drop();
      // Rolled back every time: the code is still unused and the terminal not enrolled, so the retry succeeds.
      expect(await opened.store.terminals.get('T1')).toBeUndefined();
      expect((await enrol()).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('a terminal request whose token claim keeps failing on serialization is answered 503 with Retry-After, not 500', async () => {
    const url = await cluster.createDatabase();
    expect((await hub({}, 'init', '--database', url, '--data-dir', join(dir, 'unused'), '--passphrase-file', passphraseFile)).status).toBe(0);
    const opened = await Hub.open(join(dir, 'unused'), PASSPHRASE, Date.now, url);
    const [terminal] = await enrolTerminals(opened, 1, 'TB');
    const server = await startHubServer(opened, { port: 0 });
    try {
      const failing = await failWritesOf(url, 'token_ids');
      const target = '/v1/quota?since=0';
      const ask = () => fetch(`${server.url}${target}`, { headers: { authorization: authHeader(terminal as NonNullable<typeof terminal>, { method: 'GET', target }) } });
      const busy = await ask();
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      await failing.drop();
      expect((await ask()).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
