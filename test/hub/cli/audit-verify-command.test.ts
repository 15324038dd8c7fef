import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHubCli } from '../../../hub/cli/main.js';
import type { HubCliContext } from '../../../hub/cli/hub-cli.js';
import { reissueCard } from '../../../hub/issue/card-issuer.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { auditEntries, cleanupAfterEach, enrol, holder, issue, recordUse, tempDir, terminalFromHub, testClock, testHub, type EnrolledTerminal } from '../hub-fixtures.js';
import type { Hub } from '../../../hub/hub.js';

/** The compiled command (npm run build), run as another user for the write-protected backup. */
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/jinka-hub.js');
const NOBODY = 65_534;


interface Problem {
  kind: string;
  terminal?: string;
  seq?: number;
  useId?: string;
  field?: string;
}
interface Report {
  ok: boolean;
  terminals: number;
  entries: number;
  uses: number;
  problems: Problem[];
  notes: Problem[];
}

/** Runs `jinka-hub audit verify` in this process, in English. */
async function auditVerify(dataDir: string, json = false): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: HubCliContext = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, lang: 'en', stopSignal: () => new Promise(() => undefined) };
  const status = await runHubCli(['audit', 'verify', '--data-dir', dataDir, ...(json ? ['--json'] : [])], ctx);
  return { status, out: out.join('\n'), err: err.join('\n') };
}

async function report(dataDir: string): Promise<{ status: number; report: Report }> {
  const r = await auditVerify(dataDir, true);
  return { status: r.status, report: JSON.parse(r.out) as Report };
}

describe('jinka-hub audit verify', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();

  /** Cleanups of the template hub, run once the file is done. */
  const templateCleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const cleanup of templateCleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * A hub after real ingests: two cinemas, a use refused (a gym use at a cinema), a re-issue whose
   * uses are carried to the new card, a late use carried too, and one terminal whose newest entry
   * arrived before the one under it (pending, not a gap). Built once per file; `realHub` hands
   * each test a copy of its closed data folder to read or tamper with.
   */
  const buildRealHub = async (): Promise<{ dataDir: string; t1Cursor: number }> => {
    const clock = testClock();
    const made = await testHub(clock);
    const later = (cleanup: () => unknown) => void templateCleanups.push(cleanup);
    later(() => made.cleanup());
    const hub = made.hub;
    const [card, other] = await issue(hub, [holder(1), holder(2)]);
    if (card === undefined || other === undefined) throw new Error('no card');
    const venue = async (id: string, site: string) => {
      const { terminal, cleanup } = await terminalFromHub(hub, clock);
      later(cleanup);
      return { terminal, enrolled: await enrol(hub, id, site) };
    };
    const upload = async (h: Hub, e: EnrolledTerminal, entries: AuditEntry[]) => {
      const result = await ingestUpload(h, e.batch(entries, h.now()), keys, await h.store.terminals.get(e.id));
      if (!result.ok) throw new Error(result.error.message);
    };
    const t1 = await venue('T1', '东昌影城');
    const t2 = await venue('T2', '开发区影城');
    for (let i = 0; i < 3; i += 1) recordUse(t1.terminal, card.token, 'cinema', clock() + i * 86_400_000);
    recordUse(t1.terminal, card.token, 'gym', clock());
    recordUse(t2.terminal, other.token, 'cinema', clock());
    await upload(hub, t1.enrolled, auditEntries(t1.terminal));
    await upload(hub, t2.enrolled, auditEntries(t2.terminal));
    const reissued = await reissueCard(hub, card.sub, '遗失');
    if (!reissued.ok) throw new Error(reissued.error.message);
    const t2Cursor = auditEntries(t2.terminal).length;
    recordUse(t2.terminal, card.token, 'cinema', clock() - 86_400_000);
    await upload(hub, t2.enrolled, auditEntries(t2.terminal, t2Cursor));
    const t1Cursor = auditEntries(t1.terminal).length;
    recordUse(t1.terminal, other.token, 'cinema', clock() + 86_400_000);
    recordUse(t1.terminal, other.token, 'cinema', clock() + 2 * 86_400_000);
    // Only the newest entry arrives: the ones between the cursor and it are pending.
    await upload(hub, t1.enrolled, auditEntries(t1.terminal).slice(-1));
    await hub.close();
    return { dataDir: made.dataDir, t1Cursor };
  };
  let template: Promise<{ dataDir: string; t1Cursor: number }> | undefined;
  /** A fresh copy of the template hub's closed data folder, removed after the test. */
  const realHub = async (): Promise<{ dataDir: string; t1Cursor: number }> => {
    template ??= buildRealHub();
    const { dataDir: from, t1Cursor } = await template;
    const { dir, cleanup } = tempDir();
    later(cleanup);
    const dataDir = join(dir, 'hub');
    cpSync(from, dataDir, { recursive: true });
    return { dataDir, t1Cursor };
  };

  /** Changes the closed hub's database behind its back. */
  const tamper = (dataDir: string, sql: string, ...params: unknown[]): number => {
    const db = new Database(join(dataDir, HUB_DB_FILE));
    try {
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  };

  it('finds a hub after real ingests intact, pending entries noted but no damage, and writes nothing', async () => {
    const { dataDir, t1Cursor } = await realHub();
    const before = readFileSync(join(dataDir, HUB_DB_FILE));
    const text = await auditVerify(dataDir);
    expect(text.err).toBe('');
    const rows = new Database(join(dataDir, HUB_DB_FILE), { readonly: true }).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM uses').get()?.n;
    expect(rows).toBe(12);
    expect(text.out).toMatch(/^Hub audit intact: 2 terminals, \d+ entries, 12 uses/);
    expect(text.out).toMatch(/pending: terminal T1 entries \d+–\d+ not uploaded yet/);
    expect(text.status).toBe(0);
    const { status, report: r } = await report(dataDir);
    expect(status).toBe(0);
    expect(r).toMatchObject({ ok: true, terminals: 2, uses: 12, problems: [] });
    expect(r.notes).toContainEqual(expect.objectContaining({ kind: 'pending', terminal: 'T1', seq: t1Cursor + 1 }));
    expect(readFileSync(join(dataDir, HUB_DB_FILE)).equals(before)).toBe(true);
  });

  it('audits a write-protected backup (as a user who cannot write it, even when the suite runs as root)', async () => {
    const { dataDir } = await realHub();
    const backup = join(dataDir, '..', 'backup');
    cpSync(dataDir, backup, { recursive: true });
    for (const name of readdirSync(backup)) chmodSync(join(backup, name), 0o400);
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (const name of ['', ...readdirSync(backup)]) chownSync(join(backup, name), NOBODY, NOBODY);
    chmodSync(backup, 0o500);
    // The temporary folder above it is the test's own (0700): let the other user through, not in.
    chmodSync(join(dataDir, '..'), 0o711);
    later(() => chmodSync(backup, 0o700));
    const r = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--data-dir', backup], {
      env: { PATH: process.env.PATH ?? '', JINKA_LANG: 'en' },
      encoding: 'utf8',
      timeout: 60_000,
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Hub audit intact: 2 terminals/);
    expect(r.status).toBe(0);
  });

  it('reports a deleted use row (a quota filled again) with the entry it came from', async () => {
    const { dataDir } = await realHub();
    const gone = new Database(join(dataDir, HUB_DB_FILE), { readonly: true })
      .prepare<[], { id: string; audit_seq: number }>("SELECT id, audit_seq FROM uses WHERE terminal_id = 'T1' AND refused IS NULL ORDER BY audit_seq LIMIT 1")
      .get();
    if (gone === undefined) throw new Error('no use');
    expect(tamper(dataDir, 'DELETE FROM uses WHERE id = ?', gone.id)).toBe(1);
    const text = await auditVerify(dataDir);
    expect(text.status).toBe(1);
    expect(text.out).toMatch(new RegExp(`use-missing: 1 .*terminal T1 entry ${gone.audit_seq}`));
    const { status, report: r } = await report(dataDir);
    expect(status).toBe(1);
    expect(r.ok).toBe(false);
    // Its carried copy has no root any more either.
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'use-missing', terminal: 'T1', seq: gone.audit_seq, useId: gone.id }));
  });

  it('reports a use row whose service or time was edited, naming the first field that differs', async () => {
    const { dataDir } = await realHub();
    expect(tamper(dataDir, "UPDATE uses SET service = 'gym' WHERE terminal_id = 'T2' AND audit_seq = (SELECT MIN(audit_seq) FROM uses WHERE terminal_id = 'T2')")).toBe(1);
    const service = await report(dataDir);
    expect(service.status).toBe(1);
    expect(service.report.problems).toContainEqual(expect.objectContaining({ kind: 'use-differs', terminal: 'T2', field: 'service' }));
    expect((await auditVerify(dataDir)).out).toMatch(/use-differs: 1 .*terminal T2 entry \d+ \(service\)/);

    const { dataDir: other } = await realHub();
    expect(tamper(other, "UPDATE uses SET at_ms = at_ms - 86400000 * 365 WHERE terminal_id = 'T1' AND audit_seq = (SELECT MIN(audit_seq) FROM uses WHERE terminal_id = 'T1')")).toBe(1);
    const time = await report(other);
    expect(time.status).toBe(1);
    expect(time.report.problems).toContainEqual(expect.objectContaining({ kind: 'use-differs', terminal: 'T1', field: 'atMs' }));
  });

  it('reports an audit entry with one byte flipped', async () => {
    const { dataDir } = await realHub();
    const entry = new Database(join(dataDir, HUB_DB_FILE), { readonly: true })
      .prepare<[], { seq: number; body: string }>("SELECT seq, body FROM audit_entries WHERE terminal_id = 'T2' AND kind != 'use' ORDER BY seq LIMIT 1")
      .get();
    if (entry === undefined) throw new Error('no entry');
    const flipped = Buffer.from(entry.body, 'utf8');
    flipped[2] = (flipped[2] as number) ^ 0x01;
    expect(tamper(dataDir, "UPDATE audit_entries SET body = ? WHERE terminal_id = 'T2' AND seq = ?", flipped.toString('utf8'), entry.seq)).toBe(1);
    const { status, report: r } = await report(dataDir);
    expect(status).toBe(1);
    expect(r.problems[0]).toMatchObject({ kind: 'hash', terminal: 'T2', seq: entry.seq });
    expect((await auditVerify(dataDir)).out).toMatch(new RegExp(`^hash: 1 .*terminal T2 entry ${entry.seq}`, 'm'));
  });

  it('reports an entry deleted below the acknowledged cursor as a gap, unlike entries still pending', async () => {
    const { dataDir } = await realHub();
    expect(tamper(dataDir, "DELETE FROM audit_entries WHERE terminal_id = 'T2' AND seq = 1")).toBe(1);
    const { status, report: r } = await report(dataDir);
    expect(status).toBe(1);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'missing', terminal: 'T2', seq: 1 }));
    expect(r.problems.some((p) => p.kind === 'missing' && p.terminal === 'T1')).toBe(false);
  });

  it('reports a counted use marked refused with no refusal flag (a quota filled again), and a deleted carried copy', async () => {
    const { dataDir } = await realHub();
    expect(tamper(dataDir, "UPDATE uses SET refused = 'REVOKED' WHERE id = (SELECT id FROM uses WHERE terminal_id = 'T1' AND refused IS NULL ORDER BY cursor LIMIT 1)")).toBe(1);
    const refused = await report(dataDir);
    expect(refused.status).toBe(1);
    expect(refused.report.problems).toContainEqual(expect.objectContaining({ kind: 'use-refusal', terminal: 'T1' }));

    const { dataDir: other } = await realHub();
    expect(tamper(other, 'DELETE FROM uses WHERE cursor = (SELECT MIN(cursor) FROM uses WHERE carried_from IS NOT NULL)')).toBe(1);
    const carried = await report(other);
    expect(carried.status).toBe(1);
    expect(carried.report.problems).toContainEqual(expect.objectContaining({ kind: 'carry-missing' }));
  });

  it('tells a chain that arrived broken (flagged then) from damage done at the hub', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(() => made.cleanup());
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const { terminal, cleanup } = await terminalFromHub(made.hub, clock);
    later(cleanup);
    const t1 = await enrol(made.hub, 'T1', 'S1');
    recordUse(terminal, card.token, 'cinema', clock());
    recordUse(terminal, card.token, 'cinema', clock() + 3_600_000);
    // The terminal's log was rewritten before upload: one entry names another predecessor.
    const entries = auditEntries(terminal).map((e, i) => (i === 2 ? { ...e, prev_hash: 'f'.repeat(64) } : e));
    const result = await ingestUpload(made.hub, t1.batch(entries, made.hub.now()), keys, await made.hub.store.terminals.get('T1'));
    if (!result.ok) throw new Error(result.error.message);
    await made.hub.close();
    const { status, report: r } = await report(made.dataDir);
    expect(status).toBe(0);
    expect(r.notes).toContainEqual(expect.objectContaining({ kind: 'broken-at-upload', terminal: 'T1', seq: 3 }));
    // The same break made at the hub afterwards is damage.
    expect(tamper(made.dataDir, "UPDATE audit_entries SET prev_hash = ? WHERE terminal_id = 'T1' AND seq = 2", 'e'.repeat(64))).toBe(1);
    const after = await report(made.dataDir);
    expect(after.status).toBe(1);
    expect(after.report.problems).toContainEqual(expect.objectContaining({ kind: 'hash', terminal: 'T1', seq: 2 }));
    expect(after.report.problems).toContainEqual(expect.objectContaining({ kind: 'prev_hash', terminal: 'T1', seq: 2 }));
  });

  it('could not run: a folder with no hub is one line and exit 2', async () => {
    const r = await auditVerify('/nonexistent/jinka-hub-audit');
    expect(r.status).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^jinka-hub: .*does not exist/);
  });
});
