import Database from 'better-sqlite3';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/core/store/database.js';
import { tempDir } from '../support/fixtures.js';
import { expectFailed, jinka, jsonOf, shanghai, useProvisionedCli } from './run-jinka.js';

const CSV_HEADER = 'use_id,at,service,iss,sub,tier,beneficiary,ticket,companions,recorded_at,decision_id';

interface HistoryEntry {
  id: string;
  at: string;
  service: string;
  decision: string;
  reason: string | null;
  card: string | null;
  recorded: boolean;
}

describe('jinka status, history, audit verify and export', () => {
  const { t, cards, dataDir, run } = useProvisionedCli();
  let work: { dir: string; cleanup: () => void };
  const uses: { useId: string; decisionId: string; service: string }[] = [];

  const record = async (token: string, ...args: string[]) => {
    const verified = await run('verify', token, '--record', '--json', ...args);
    const out = jsonOf(verified);
    if (out.recorded === true) uses.push({ useId: out.use_id as string, decisionId: out.decision_id as string, service: out.service as string });
    return { code: verified.code, out };
  };

  beforeAll(async () => {
    work = tempDir('jinka-cli-reports-');
    expect((await record(cards.goldA, '--service', 'cinema', '--at', shanghai(t.atMs))).code).toBe(0);
    expect((await record(cards.goldA, '--service', 'bus', '--ticket', 'K1234', '--companions', 'spouse=1,child=2', '--at', shanghai(t.atMs + 60_000))).code).toBe(0);
    expect((await record(cards.goldA, '--service', 'eldercare', '--beneficiary', '父亲', '--at', shanghai(t.atMs + 120_000))).code).toBe(0);
    expect((await record(cards.goldC, '--service', 'tax', '--at', shanghai(t.atMs + 180_000))).code).toBe(1);
    expect(uses).toHaveLength(3);
  });
  afterAll(() => work.cleanup());

  it('status --json shows issuers and key ids, lists, rules, trust version and uses', async () => {
    const status = jsonOf(await run('status', '--json'));
    expect(status).toMatchObject({
      issuers: [
        { iss: 'lc-hrss', kids: ['lc-test-1'] },
        { iss: 'sd-hrss', kids: ['sd-test-1'] },
      ],
      revocationLists: [
        { iss: 'lc-hrss', seq: 1, revoked: 0, stale: false },
        { iss: 'sd-hrss', seq: 1, revoked: 0, stale: false },
      ],
      rules: { version: 0, source: 'built-in', issuedAt: null },
      trustVersion: 0,
      clockSuspect: false,
      usageRecorded: 3,
    });
  });

  it('history --json lists the decisions newest first, with what was recorded', async () => {
    const history = jsonOf(await run('history', '--json')) as unknown as HistoryEntry[];
    expect(history.map((h) => [h.service, h.decision, h.reason, h.recorded])).toEqual([
      ['tax', 'reject', 'NOT_ENTITLED', false],
      ['eldercare', 'accept', null, true],
      ['bus', 'accept', null, true],
      ['cinema', 'accept', null, true],
    ]);
    expect(history.map((h) => h.id).slice(1).reverse()).toEqual(uses.map((u) => u.decisionId));
    expect(history[3]).toMatchObject({ at: shanghai(t.atMs), card: 'lc-hrss/LC-A-000123' });
    expect(jsonOf(await run('history', '--json', '--limit', '2'))).toHaveLength(2);
    expectFailed(await run('history', '--limit', '0'), /--limit/);
  });

  it('export --out writes a CSV with a header and one row per recorded use', async () => {
    const file = join(work.dir, 'uses.csv');
    const exported = await run('export', '--out', file);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('3');
    expect(existsSync(`${file}.partial`)).toBe(false);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(CSV_HEADER);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(uses.length);
    expect(rows.map((r) => [r[0], r[2], r[10]])).toEqual(uses.map((u) => [u.useId, u.service, u.decisionId]));
    const bus = rows[1]!;
    expect(bus.slice(1, 9)).toEqual([shanghai(t.atMs + 60_000), 'bus', 'lc-hrss', 'LC-A-000123', 'A', '', 'K1234', 'spouse=1;child=2']);
    expect(rows[2]![6]).toBe('father');
    // Without --out the same CSV goes to standard output.
    expect((await run('export')).stdout).toBe(text);
  });

  it('audit verify passes on an untouched terminal (exit 0)', async () => {
    const plain = await run('audit', 'verify');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/intact/);
    const check = jsonOf(await run('audit', 'verify', '--json'));
    expect(check).toMatchObject({ ok: true });
    // Three imports, four decisions, three uses at least.
    expect(check.entries).toBeGreaterThanOrEqual(10);
  });

  it('audit verify exits 1 when a row was edited behind the terminal’s back', async () => {
    const copy = join(work.dir, 'edited');
    cpSync(dataDir(), copy, { recursive: true });
    const db = new Database(join(copy, DB_FILE));
    try {
      const row = db.prepare("SELECT seq, body FROM audit_log WHERE kind = 'use' ORDER BY seq LIMIT 1").get() as { seq: number; body: string };
      db.prepare('UPDATE audit_log SET body = ? WHERE seq = ?').run(row.body.replace('K1234', 'K9999').replace('cinema', 'gym'), row.seq);
      const broken = await jinka(['audit', 'verify', '--json', '--data-dir', copy]);
      expect(broken.code).toBe(1);
      expect(jsonOf(broken)).toMatchObject({ ok: false, brokenAt: row.seq });
      expect((await jinka(['audit', 'verify', '--data-dir', copy])).code).toBe(1);
    } finally {
      db.close();
    }
  });

  it('audit verify exits 1 when the newest rows were deleted', async () => {
    const copy = join(work.dir, 'truncated');
    cpSync(dataDir(), copy, { recursive: true });
    const db = new Database(join(copy, DB_FILE));
    try {
      db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run();
      const broken = await jinka(['audit', 'verify', '--json', '--data-dir', copy]);
      expect(broken.code).toBe(1);
      expect(jsonOf(broken)).toMatchObject({ ok: false });
    } finally {
      db.close();
    }
  });
});
