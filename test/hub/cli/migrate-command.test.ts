import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeFromEnv } from '../../../node/cli/cli-kit.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { runHubCli } from '../../../hub/cli/main.js';
import { Hub } from '../../../hub/hub.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { startPgCluster, type PgCluster } from '../../support/pg-cluster.js';
import { prng } from '../../bench/bench-stats.js';
import { buildBatches, seedCards } from '../../bench/hub-bench-data.js';
import { enrol, holder, issue, PASSPHRASE, testHub } from '../hub-fixtures.js';

/** Runs one `jinka-hub` command line in-process; answers its status and what it printed. */
async function hubCli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: HubCliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env, lang: localeFromEnv(env), stopSignal: () => new Promise(() => undefined) };
  return { status: await runHubCli(argv, ctx), out, err };
}

const BIG = 12_000;
let cluster: PgCluster;
let made: Awaited<ReturnType<typeof testHub>>;
let dataDir: string;
let passphraseFile: string;
let before: { kids: string[]; cards: number; uses: number; feedCursor: number; staffLog: number; maxSerial: number; flags: number };

/** Row counts of the tables the hub's data lives in. */
async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const t of ['meta', 'signing_keys', 'cards', 'revocations', 'terminals', 'audit_entries', 'uses', 'flags', 'staff', 'staff_log']) {
      out[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n);
    }
    return out;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startPgCluster();
  // A SQLite hub with something in every part: keys, issued and revoked cards, terminals and
  // their uploaded chains (one entry body with a NUL character), flags, staff and its log.
  made = await testHub(Date.now);
  const { hub } = made;
  dataDir = made.dataDir;
  passphraseFile = join(made.dir, 'passphrase');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
  const issued = await issue(hub, [holder(1), holder(2), holder(3)]);
  const revoked = await hub.store.cards.revoke([{ iss: issued[0]?.iss ?? '', sub: issued[0]?.sub ?? '', reason: 'lost', atMs: hub.now() }]);
  if (!revoked.ok) throw new Error('revoke refused');
  const subs = await seedCards(hub, 1000, BIG);
  const keys = new TerminalKeys();
  for (const id of ['T1', 'T2']) {
    const t = await enrol(hub, id, `site-${id}`);
    const built = buildBatches(t, subs.slice(0, 50), 2, 20, prng(id === 'T1' ? 1 : 2), hub.now());
    for (const batch of built.batches) {
      const ack = await ingestUpload(hub, batch, keys, await hub.store.terminals.get(id));
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    }
  }
  const nul = await enrol(hub, 'T3', 'site-T3');
  const body = JSON.stringify({ note: 'a\u0000b' });
  const ack = await ingestUpload(hub, nul.batch([{ seq: 1, at_ms: hub.now(), kind: 'note', body, prev_hash: GENESIS_HASH, hash: auditHash(GENESIS_HASH, 1, hub.now(), 'note', body) }], hub.now()), keys, await hub.store.terminals.get('T3'));
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  await hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T1', detail: 'test flag' }], hub.now());
  await hub.store.staff.add({ id: 'admin1', name: '王管理', role: 'admin', passwordHash: 'scrypt$placeholder', createdMs: hub.now() });
  for (const action of ['sign-in', 'issue']) await hub.store.staffLog.append({ atMs: hub.now(), staffId: 'admin1', address: '127.0.0.1', action, target: null, outcome: 'ok' });
  const feed = await hub.store.uses.feed({ afterCursor: 0, excludeTerminal: '', services: ['cinema', 'gym', 'scenic', 'library', 'bus'], limit: 100_000 });
  before = {
    kids: (await hub.store.keys.list()).map((k) => k.kid).sort(),
    cards: await hub.store.cards.count(),
    uses: await hub.store.uses.count(),
    feedCursor: feed.cursor,
    staffLog: await hub.store.staffLog.count(),
    maxSerial: BIG + 999,
    flags: Object.values(await hub.store.flags.counts()).reduce((a, b) => a + b, 0),
  };
  await hub.close();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  await made?.cleanup();
});

describe('jinka-hub migrate --to postgres://… (README "Moving a hub to PostgreSQL")', () => {
  let url: string;

  it('copies every table, keys still sealed, shows progress for a big table on stderr, and says done once verified', async () => {
    url = await cluster.createDatabase();
    const run = await hubCli({ JINKA_LANG: 'en' }, 'migrate', '--to', url, '--data-dir', dataDir);
    expect(run.status).toBe(0);
    expect(run.out).toHaveLength(1);
    expect(run.out[0]).toMatch(/^Done: the hub is copied to PostgreSQL \(\d+ rows in \d+ tables, the audit chains of 3 terminals \(\d+ entries\) verified\)/);
    // Progress for the big table only, then the verification; never the connection string.
    expect(run.err.some((l) => l === `jinka-hub: cards: 10000 of ${BIG + 3} rows copied`)).toBe(true);
    expect(run.err.at(-1)).toBe('jinka-hub: verifying the copy in PostgreSQL…');
    expect(run.err.every((l) => /^jinka-hub: (cards: \d+ of \d+ rows copied|verifying)/.test(l))).toBe(true);

    // The hub opens there with the same passphrase (the sealed keys were copied as they were).
    const hub = await Hub.open(join(made.dir, 'unused'), PASSPHRASE, Date.now, url);
    try {
      expect((await hub.store.keys.list()).map((k) => k.kid).sort()).toEqual(before.kids);
      expect(await hub.signer()).toBeDefined();
      expect(await hub.store.cards.count()).toBe(before.cards);
      expect(await hub.store.uses.count()).toBe(before.uses);
      expect(await hub.store.staffLog.count()).toBe(before.staffLog);
      const entry = await hub.store.audit.get('T3', 1);
      expect(entry?.body).toBe(JSON.stringify({ note: 'a\u0000b' }));
      // Counters continue after the copied rows: the next serial, feed cursor and staff log entry.
      expect(await hub.store.cards.allocateSerials(1)).toBe(before.maxSerial + 1);
      const logged = await hub.store.staffLog.append({ atMs: hub.now(), staffId: 'admin1', address: '127.0.0.1', action: 'after-move', target: null, outcome: 'ok' });
      expect(logged.seq).toBe(before.staffLog + 1);
      const previous = (await hub.store.staffLog.list(before.staffLog - 1, 1))[0];
      expect(logged.prevHash).toBe(previous?.hash);
      await hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T2', detail: 'after the move' }], hub.now());
      expect(Object.values(await hub.store.flags.counts()).reduce((a, b) => a + b, 0)).toBe(before.flags + 1);
    } finally {
      await hub.close();
    }
  }, 120_000);

  it('run twice: the second run finds the hub there, verifies it again and changes nothing (Chinese by default)', async () => {
    const fresh = await cluster.createDatabase();
    expect((await hubCli({}, 'migrate', '--to', fresh, '--data-dir', dataDir)).status).toBe(0);
    const first = await counts(fresh);
    const again = await hubCli({}, 'migrate', '--to', fresh, '--data-dir', dataDir);
    expect(again.status).toBe(0);
    expect(again.out).toHaveLength(1);
    expect(again.out[0]).toMatch(/^完成：PostgreSQL 中已有这个中心（此前已迁移；.*），未做任何改动。$/);
    expect(await counts(fresh)).toEqual(first);
    const json = await hubCli({}, 'migrate', '--to', fresh, '--data-dir', dataDir, '--json');
    expect(JSON.parse(json.out.join(''))).toMatchObject({ outcome: 'already-there', terminals: 3 });
  }, 120_000);

  it('a target holding other data is refused in one line and left as it was: another hub, or this hub changed there', async () => {
    const other = await cluster.createDatabase();
    expect((await hubCli({ JINKA_LANG: 'en' }, 'init', '--database', other, '--passphrase-file', passphraseFile)).status).toBe(0);
    const held = await counts(other);
    const refused = await hubCli({ JINKA_LANG: 'en' }, 'migrate', '--to', other, '--data-dir', dataDir);
    expect(refused.status).toBe(2);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(/^jinka-hub: 127\.0\.0\.1:\d+\/\w+ already holds other hub data than the SQLite file \(table \w+: .*\): nothing was copied$/);
    expect(await counts(other)).toEqual(held);

    // The copy made above, then one stored entry edited there: the rows no longer match.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE audit_entries SET body = convert_to('{}', 'UTF8') WHERE terminal_id = 'T1' AND seq = 2");
    await client.end();
    const edited = await hubCli({}, 'migrate', '--to', url, '--data-dir', dataDir);
    expect(edited.status).toBe(2);
    expect(edited.err).toEqual([expect.stringMatching(/^jinka-hub: 目标数据库中已有其他数据，未复制任何内容：.*table audit_entries: the rows differ/)]);
  }, 120_000);

  it('refuses without --to, a --to that is not postgres://, or --database, in one line, echoing no connection string', async () => {
    const none = await hubCli({ JINKA_LANG: 'en' }, 'migrate', '--data-dir', dataDir);
    expect(none.status).toBe(2);
    expect(none.err).toEqual(['jinka-hub: migrate needs --to postgres://…']);
    const secret = await hubCli({ JINKA_LANG: 'en' }, 'migrate', '--to', 'mysql://u:s3cret@h/db', '--data-dir', dataDir);
    expect(secret.status).toBe(2);
    expect(secret.err).toHaveLength(1);
    expect(secret.err[0]).not.toContain('s3cret');
    const both = await hubCli({ JINKA_LANG: 'en' }, 'migrate', '--to', cluster.url('x'), '--database', cluster.url('y'), '--data-dir', dataDir);
    expect(both.err).toEqual(['jinka-hub: migrate copies the SQLite file of the data folder (--data-dir) to --to postgres://…; it takes no --database']);
  });
});
