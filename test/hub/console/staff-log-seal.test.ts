import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStaffLog } from '../../../hub/console/staff-log.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const MOLE = { id: 'mole', name: 'M', role: 'admin', password: 'mole-password-123' };

interface Row {
  seq: number;
  at_ms: number;
  staff_id: string | null;
  address: string;
  action: string;
  target: string | null;
  outcome: string;
}

/** The unkeyed hash an insider can compute with the database alone (node/audit's chain hash over the entry). */
const publicHash = (prev: string, r: Row): string =>
  auditHash(prev, r.seq, r.at_ms, r.action, JSON.stringify({ staff: r.staff_id, address: r.address, target: r.target, outcome: r.outcome }));

describe('staff log: an insider with the database but not the passphrase', () => {
  let b: Bench;
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    await b.cleanup();
  });

  const db = () => new Database(join(b.dataDir, HUB_DB_FILE));

  it('rewrites who added an admin and recomputes every later hash: the chain no longer checks', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff', MOLE)).statusCode).toBe(201);
    const auditor = await b.as('auditor');
    expect((await b.get(auditor, '/staff-log')).json()).toMatchObject({ chainOk: true });
    const d = db();
    d.exec('DROP TRIGGER staff_log_no_update');
    let prev = GENESIS_HASH;
    for (const r of d.prepare('SELECT * FROM staff_log ORDER BY seq').all() as Row[]) {
      if (r.target === 'mole') Object.assign(r, { staff_id: 'officer', address: '10.9.9.9' });
      const hash = publicHash(prev, r);
      d.prepare('UPDATE staff_log SET staff_id = ?, address = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(r.staff_id, r.address, prev, hash, r.seq);
      prev = hash;
    }
    d.close();
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: false, seq: 1, problem: 'HASH' });
    // The running hub's cached check (it already verified these entries) sees it too on its next read.
    expect((await b.get(auditor, '/staff-log')).json()).toMatchObject({ chainOk: false });
  });

  it('deletes the newest entries (the change it covers): the head kept apart shows the tail is gone', async () => {
    const admin = await b.as('admin');
    expect((await b.post(admin, '/staff', MOLE)).statusCode).toBe(201);
    const addSeq = (await b.hub.store.staffLog.list(0, 1000)).find((e) => e.target === 'mole')?.seq ?? 0;
    const d = db();
    d.exec('DROP TRIGGER staff_log_no_delete');
    d.prepare('DELETE FROM staff_log WHERE seq >= ?').run(addSeq);
    d.close();
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: false, problem: 'HEAD' });
    // Deleting the head as well, then letting the hub append again, does not hide it either.
    const d2 = db();
    d2.prepare("DELETE FROM meta WHERE key = 'staff_log_head'").run();
    d2.close();
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: false, problem: 'HEAD' });
    await b.as('officer');
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: false, problem: 'HEAD' });
  });

  it('copies an earlier entry’s hash into the head: the head does not open', async () => {
    await b.as('admin');
    const entries = await b.hub.store.staffLog.list(0, 1000);
    const d = db();
    const keep = entries.at(-2);
    d.exec('DROP TRIGGER staff_log_no_delete');
    d.prepare('DELETE FROM staff_log WHERE seq > ?').run(keep?.seq ?? 0);
    const mac = (d.prepare("SELECT value FROM meta WHERE key = 'staff_log_head'").get() as { value: string }).value.split('.')[4];
    d.prepare("UPDATE meta SET value = ? WHERE key = 'staff_log_head'").run(`v1.${keep?.seq}.${keep?.hash}.0.${mac}`);
    d.close();
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: false, problem: 'HEAD' });
  });

  it('an honest log checks, and the cached check reads only what is new', async () => {
    const auditor = await b.as('auditor');
    for (let i = 0; i < 3; i++) expect((await b.get(auditor, '/staff-log')).json()).toMatchObject({ chainOk: true });
    await b.as('officer');
    expect((await b.get(auditor, '/staff-log')).json()).toMatchObject({ chainOk: true });
    expect(await verifyStaffLog(b.hub)).toMatchObject({ ok: true, entries: await b.hub.store.staffLog.count() });
  });

  it('the CSV export streams outside a unit: the store answers other calls while it is read', async () => {
    const auditor = await b.as('auditor');
    for (let i = 0; i < 30; i++) await b.signIn('officer', `wrong-password-${i}`);
    const store = b.hub.store as { transaction: typeof b.hub.store.transaction };
    const real = store.transaction.bind(store);
    let units = 0;
    store.transaction = (work) => {
      units += 1;
      return real(work);
    };
    const r = await b.get(auditor, '/staff-log.csv');
    expect(units).toBe(0);
    expect(r.statusCode).toBe(200);
    const lines = r.body.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBe(1 + (await b.hub.store.staffLog.count()) - 1);
    expect((await b.hub.store.staffLog.list(0, 1000)).at(-1)).toMatchObject({ action: 'staff-log.export', outcome: 'ok' });
  });
});
