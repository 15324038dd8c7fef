import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyHubFolder } from '../../../hub/audit/verify-hub-audit.js';
import type { Hub } from '../../../hub/hub.js';
import { reissueCard } from '../../../hub/issue/card-issuer.js';
import { HUB_DB_FILE } from '../../../hub/store/sqlite/hub-database.js';
import { buildReport } from '../../../hub/report/usage-report.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { quotaFeed } from '../../../hub/usage/quota-feed.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { cleanupAfterEach, enrol, holder, issue, testClock, testHub, type EnrolledTerminal } from '../hub-fixtures.js';
import { ForgedLog } from './forged-log.js';

const HOUR = 3_600_000;

/**
 * Gate mode (electron/core/use-void.ts): a gate that never opened voids its recorded use with
 * an appended `void` entry, so the holder's quota (Art. 21) is not spent; the hub counts it as voided.
 */
describe('the hub counts a use its own terminal voided as voided', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();
  const upload = async (hub: Hub, t: EnrolledTerminal, entries: AuditEntry[]) => {
    const stored = await hub.store.terminals.get(t.id);
    const result = await ingestUpload(hub, t.batch(entries, hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const feed = async (hub: Hub, id: string, since = 0, voided = true) => {
    const row = await hub.store.terminals.get(id);
    if (row === undefined) throw new Error('not enrolled');
    return quotaFeed(hub, row, { since, limit: 1000, voided });
  };
  const setup = async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const t1 = await enrol(made.hub, 'T1', 'S1');
    const t2 = await enrol(made.hub, 'T2', 'S2');
    return { clock, hub: made.hub, dataDir: made.dataDir, sub: card.sub, t1, t2 };
  };

  it('a voided use leaves the quota (the 12th film after one voided counts), the report totals and the two-site check', async () => {
    const { clock, hub, sub, t1, t2 } = await setup();
    const log = new ForgedLog(clock());
    for (let i = 0; i < 11; i += 1) log.use({ id: `film-${i}`, sub, atMs: clock() - (20 - i) * HOUR });
    // The 12th film's gate never opened.
    log.use({ id: 'gate-failed', sub, atMs: clock() - 10 * 60_000 }).void('gate-failed');
    expect((await upload(hub, t1, log.take())).flags).toEqual([]);
    // Minutes after the voided use at S1: no TWO_SITES (it never happened), and the 12th film counts; a 13th does not.
    const t2log = new ForgedLog(clock());
    t2log.use({ id: 'at-s2', sub, atMs: clock() }).use({ id: 'thirteenth', sub, atMs: clock() + 3 * HOUR });
    const ack = await upload(hub, t2, t2log.take());
    expect(ack.flags).toEqual([`OVER_QUOTA: ${sub} cinema: 12 of 12 already used in the period`]);
    const report = await buildReport(hub);
    expect(report.totals.uses).toBe(12);
    expect(report.voided).toBe(1);
    expect((await hub.store.flags.list({ limit: 100, kind: 'TWO_SITES' })).length).toBe(0);
  });

  it('a void frees the quota: the use after it counts, and other venues are told through the same cursor', async () => {
    const { clock, hub, sub, t1, t2 } = await setup();
    const log = new ForgedLog(clock());
    for (let i = 0; i < 12; i += 1) log.use({ id: `film-${i}`, sub, atMs: clock() - (20 - i) * HOUR });
    await upload(hub, t1, log.take());
    const before = await feed(hub, 'T2');
    expect(before.uses.map((u) => u.id)).toContain('film-11');
    clock.advance(60_000);
    await upload(hub, t1, log.void('film-11').take());
    const after = await feed(hub, 'T2', before.cursor);
    expect(after.cursor).toBeGreaterThan(before.cursor);
    expect(after.uses).toEqual([expect.objectContaining({ id: 'film-11', voided: true })]);
    // A reader that did not ask for voids (an older terminal) is never sent one.
    expect((await feed(hub, 'T2', before.cursor, false)).uses).toEqual([]);
    // The 12th film at S2 now counts.
    clock.advance(HOUR);
    expect((await upload(hub, t2, new ForgedLog(clock()).use({ sub, atMs: clock() }).take())).flags).toEqual([]);
    expect((await buildReport(hub)).totals.uses).toBe(12);
  });

  it('a void from another terminal, for an unknown use or a second void is stored, flagged and changes nothing', async () => {
    const { clock, hub, sub, t1, t2 } = await setup();
    await upload(hub, t1, new ForgedLog(clock()).use({ id: 'u1', sub, atMs: clock() }).take());
    const other = await upload(hub, t2, new ForgedLog(clock()).void('u1').void('never-recorded').take());
    expect(other.flags).toEqual([
      'BAD_VOID: seq 1: void of use u1, which terminal T2 did not record',
      'BAD_VOID: seq 2: void of use never-recorded, which is not stored',
    ]);
    expect((await buildReport(hub)).totals.uses).toBe(1);
    const again = new ForgedLog(clock());
    again.use({ id: 'u2', sub, atMs: clock() - HOUR }).void('u2').void('u2');
    const t3 = await enrol(hub, 'T3', 'S3');
    expect((await upload(hub, t3, again.take())).flags).toEqual(['BAD_VOID: seq 3: void of use u2, already voided']);
    const report = await buildReport(hub);
    expect([report.totals.uses, report.voided]).toEqual([1, 1]);
    // The void entries are all stored as the terminal's audit log.
    expect((await hub.store.audit.entries('T2', 1, 10)).map((e) => e.kind)).toEqual(['void', 'void']);
  });

  it('a void that arrives before its use (another batch) is applied when the use arrives', async () => {
    const { clock, hub, sub, t1 } = await setup();
    const log = new ForgedLog(clock());
    log.use({ id: 'u1', sub, atMs: clock() }).void('u1');
    const [use, void_] = log.take();
    if (use === undefined || void_ === undefined) throw new Error('no entries');
    expect((await upload(hub, t1, [void_])).flags).toEqual([]);
    expect((await upload(hub, t1, [use])).flags).toEqual([]);
    const report = await buildReport(hub);
    expect([report.totals.uses, report.voided]).toEqual([0, 1]);
    expect((await feed(hub, 'T2')).uses).toEqual([expect.objectContaining({ id: 'u1', voided: true })]);
  });

  it('Art. 34: copies of a voided use carried to a re-issued card are voided too, before or after the re-issue', async () => {
    const { clock, hub, sub, t1 } = await setup();
    const log = new ForgedLog(clock());
    log.use({ id: 'early', sub, atMs: clock() - 2 * HOUR }).void('early').use({ id: 'late', sub, atMs: clock() - HOUR });
    await upload(hub, t1, log.take());
    const reissued = await reissueCard(hub, sub, '遗失');
    if (!reissued.ok) throw new Error('reissue refused');
    await upload(hub, t1, log.void('late').take());
    const fed = (await feed(hub, 'T2')).uses.filter((u) => u.sub === reissued.value.card.sub);
    expect(fed.map((u) => u.voided === true)).toEqual([true, true]);
  });

  it('jinka-hub audit verify takes a voided use as consistent, and a voided marker without its void entry (or a void not applied) as damage', async () => {
    const { clock, hub, dataDir, sub, t1 } = await setup();
    const log = new ForgedLog(clock());
    log.use({ id: 'kept', sub, atMs: clock() - 2 * HOUR }).use({ id: 'gone', sub, atMs: clock() - HOUR }).void('gone');
    await upload(hub, t1, log.take());
    await hub.close();
    expect(verifyHubFolder(dataDir)).toMatchObject({ ok: true, problems: [] });
    const tamper = (sql: string): number => {
      const db = new Database(join(dataDir, HUB_DB_FILE));
      try {
        return db.prepare(sql).run().changes;
      } finally {
        db.close();
      }
    };
    // A counted use marked voided behind the hub's back gives its film back: no void entry accounts for it.
    expect(tamper("UPDATE uses SET refused = 'VOIDED' WHERE id = 'kept'")).toBe(1);
    // The voided one made to count again: its void entry is no longer applied.
    expect(tamper("UPDATE uses SET refused = NULL WHERE id = 'gone'")).toBe(1);
    const report = verifyHubFolder(dataDir);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(2);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'void-unapplied', terminal: 'T1', seq: 3, useId: 'gone' }),
        expect.objectContaining({ kind: 'use-refusal', useId: 'kept', field: 'refused' }),
      ]),
    );
  });
});
