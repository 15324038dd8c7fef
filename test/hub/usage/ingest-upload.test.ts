import { describe, expect, it } from 'vitest';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import type { Terminal } from '../../../electron/core/terminal.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { Hub } from '../../../hub/hub.js';
import { reissueCard, revokeCards } from '../../../hub/issue/card-issuer.js';
import { bundlesSince, bundlesQuerySchema } from '../../../hub/publish/bundle-query.js';
import type { StoredCard } from '../../../hub/store/hub-store.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { httpStatusOf } from '../../../hub/server/http-errors.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { quotaFeed } from '../../../hub/usage/quota-feed.js';
import { cleanupAfterEach, auditEntries, enrol, holder, issue, recordUse, terminalFromHub, testClock, testHub, type EnrolledTerminal, type TestClock } from '../hub-fixtures.js';

interface Venue {
  terminal: Terminal;
  enrolled: EnrolledTerminal;
}

describe('ingestUpload', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();

  const setup = async (): Promise<{ hub: Hub; clock: TestClock; card: StoredCard; other: StoredCard }> => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card, other] = await issue(made.hub, [holder(1), holder(2)]);
    if (card === undefined || other === undefined) throw new Error('no card');
    return { hub: made.hub, clock, card, other };
  };
  const venue = async (hub: Hub, id: string, site: string, clock: () => number, service = 'cinema'): Promise<Venue> => {
    const { terminal, cleanup } = await terminalFromHub(hub, clock);
    later(cleanup);
    return { terminal, enrolled: await enrol(hub, id, site, service) };
  };
  /**
   * Uploads what the venue recorded. Most tests stamp uses hours or days from the one test clock
   * (as `--at` would), which the hub flags STAMP_OFF; only the test of that flag sees those lines.
   */
  const upload = async (hub: Hub, v: Venue, entries: AuditEntry[] = auditEntries(v.terminal), stampFlags = false) => {
    const stored = await hub.store.terminals.get(v.enrolled.id);
    const result = await ingestUpload(hub, v.enrolled.batch(entries, hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return stampFlags ? result.value : { ...result.value, flags: result.value.flags.filter((f) => !f.startsWith('STAMP_OFF:')) };
  };

  it('stores a batch once: the same batch again counts only duplicates and adds no use', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', '东昌影城', clock);
    for (let i = 0; i < 3; i += 1) recordUse(t1.terminal, card.token, 'cinema', clock() + i * 3_600_000);
    const entries = auditEntries(t1.terminal);
    const first = await upload(hub, t1, entries);
    expect(first).toMatchObject({ cursor: entries.length, accepted: entries.length, duplicates: 0, uses: 3, flags: [] });
    const again = await upload(hub, t1, entries);
    expect(again).toMatchObject({ cursor: entries.length, accepted: 0, duplicates: entries.length, uses: 0 });
    expect(await hub.store.uses.count()).toBe(3);
    expect((await hub.store.terminals.get('T1'))?.cursor).toBe(entries.length);
  });

  it('takes entries out of order and acknowledges the highest contiguous sequence', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', 'S1', clock);
    recordUse(t1.terminal, card.token, 'cinema', clock());
    clock.advance(3_600_000);
    recordUse(t1.terminal, card.token, 'cinema', clock());
    const entries = auditEntries(t1.terminal);
    const tail = entries.slice(-2);
    expect(await upload(hub, t1, tail)).toMatchObject({ accepted: 2, cursor: 0, flags: [] });
    expect(await upload(hub, t1, entries)).toMatchObject({ accepted: entries.length - 2, duplicates: 2, cursor: entries.length, flags: [] });
    expect(await hub.store.flags.counts()).toEqual({});
    // Every link was checked once both ends were there.
    expect((await hub.store.audit.entries('T1', 1, 100)).map((e) => e.linkOk)).toEqual(entries.map(() => true));
  });

  it('stores a broken chain and flags it, never dropping the entries', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', 'S1', clock);
    recordUse(t1.terminal, card.token, 'cinema', clock());
    recordUse(t1.terminal, card.token, 'cinema', clock() + 3_600_000);
    const entries = auditEntries(t1.terminal);
    const useIndex = entries.findIndex((e) => e.kind === 'use');
    // An edited use (the body changed, the hash not): its own hash fails.
    const edited = entries.map((e, i) => (i === useIndex ? { ...e, body: e.body.replace('"cinema"', '"gym"') } : e));
    const ack = await upload(hub, t1, edited);
    expect(ack.accepted).toBe(entries.length);
    expect(ack.flags).toEqual([
      expect.stringMatching(new RegExp(`^CHAIN_BREAK: seq ${entries[useIndex]?.seq}: the entry's hash`)) as unknown as string,
      // The edited use is still judged: a cinema terminal cannot record gym uses.
      `INVALID_USE: NOT_ENROLLED_SERVICE: ${card.sub} gym: terminal T1 is enrolled for cinema`,
    ]);
    expect(await hub.store.uses.count()).toBe(2);
    const stored = await hub.store.audit.entries('T1', 1, 100);
    expect(stored.find((e) => e.seq === entries[useIndex]?.seq)).toMatchObject({ hashOk: false, body: expect.stringContaining('"gym"') as unknown });
  });

  it('flags a deleted entry: the next one does not link to what is stored', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', 'S1', clock);
    recordUse(t1.terminal, card.token, 'cinema', clock());
    const before = auditEntries(t1.terminal);
    await upload(hub, t1, before);
    recordUse(t1.terminal, card.token, 'cinema', clock() + 3_600_000);
    const after = auditEntries(t1.terminal, before.length);
    // The terminal's log was rewritten: the entry after the stored head claims another predecessor.
    const rewritten = after.map((e, i) => (i === 0 ? { ...e, prev_hash: 'f'.repeat(64) } : e));
    const ack = await upload(hub, t1, rewritten);
    expect(ack.flags.some((f) => f.startsWith(`CHAIN_BREAK: seq ${before.length + 1}: prev_hash does not match entry ${before.length}`))).toBe(true);
    expect(ack.cursor).toBe(before.length + after.length);
    expect(await hub.store.flags.counts()).toMatchObject({ CHAIN_BREAK: 2 });
  });

  it('accepts uses that push a card over its quota across venues, and flags exactly the one that did', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', '东昌影城', clock);
    const t2 = await venue(hub, 'T2', '开发区影城', clock);
    // Each cinema alone stays within 12 a card-year; together they make 13.
    for (let i = 0; i < 7; i += 1) recordUse(t1.terminal, card.token, 'cinema', clock() + i * 86_400_000);
    for (let i = 0; i < 6; i += 1) recordUse(t2.terminal, card.token, 'cinema', clock() + (10 + i) * 86_400_000);
    expect((await upload(hub, t1)).flags).toEqual([]);
    const ack = await upload(hub, t2);
    expect(ack.uses).toBe(6);
    expect(ack.flags).toEqual([`OVER_QUOTA: ${card.sub} cinema: 12 of 12 already used in the period`]);
    expect(await hub.store.uses.count()).toBe(13);
    const flags = await hub.store.flags.list({ limit: 10, kind: 'OVER_QUOTA' });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ terminalId: 'T2', sub: card.sub });
  });

  it('feeds quota uses recorded at other terminals only, in pages, and carries them to a re-issued card', async () => {
    const { hub, clock, card, other } = await setup();
    const t1 = await venue(hub, 'T1', 'S1', clock);
    const t2 = await venue(hub, 'T2', 'S2', clock);
    for (let i = 0; i < 3; i += 1) recordUse(t1.terminal, card.token, 'cinema', clock() + i * 86_400_000);
    // Refused (T1 is a cinema): stored for the bureau, fed to no one.
    recordUse(t1.terminal, card.token, 'gym', clock());
    recordUse(t2.terminal, other.token, 'cinema', clock());
    await upload(hub, t1);
    await upload(hub, t2);
    const t1Row = await hub.store.terminals.get('T1');
    const t2Row = await hub.store.terminals.get('T2');
    if (t1Row === undefined || t2Row === undefined) throw new Error('not enrolled');
    const forT2 = await quotaFeed(hub, t2Row, { since: 0, limit: 2 });
    expect(forT2.more).toBe(true);
    expect(forT2.uses.map((u) => [u.sub, u.service])).toEqual([[card.sub, 'cinema'], [card.sub, 'cinema']]);
    const rest = await quotaFeed(hub, t2Row, { since: forT2.cursor, limit: 2 });
    expect(rest).toMatchObject({ more: false, uses: [{ sub: card.sub, service: 'cinema' }] });
    const forT1 = await quotaFeed(hub, t1Row, { since: 0, limit: 100 });
    expect(forT1.uses.map((u) => u.sub)).toEqual([other.sub]);
    expect(await quotaFeed(hub, t1Row, { since: forT1.cursor, limit: 100 })).toMatchObject({ uses: [], more: false, cursor: forT1.cursor });

    const reissued = await reissueCard(hub, card.sub, '遗失');
    if (!reissued.ok) throw new Error(reissued.error.message);
    const carried = await quotaFeed(hub, t1Row, { since: forT1.cursor, limit: 100 });
    expect(carried.uses.map((u) => [u.sub, u.service])).toEqual([0, 1, 2].map(() => [reissued.value.card.sub, 'cinema']));
    expect(carried.uses.every((u) => u.id.length <= 64)).toBe(true);
    // A late use of the old card, stamped before the re-issue and uploaded after it, is carried over too;
    // one stamped after the re-issue revoked the card is refused (Art. 34) and carried nowhere.
    recordUse(t2.terminal, card.token, 'cinema', clock() - 86_400_000);
    recordUse(t2.terminal, card.token, 'cinema', clock() + 5 * 86_400_000);
    const lateAck = await upload(hub, t2, auditEntries(t2.terminal, t2Row.cursor));
    expect(lateAck.flags).toEqual([expect.stringMatching(new RegExp(`^INVALID_USE: REVOKED: ${card.sub} cinema: revoked at `)) as unknown as string]);
    const late = await quotaFeed(hub, t1Row, { since: carried.cursor, limit: 100 });
    expect(late.uses.map((u) => u.sub).sort()).toEqual([card.sub, reissued.value.card.sub].sort());
    expect(late.uses.every((u) => u.at === clock() - 86_400_000)).toBe(true);
    expect(await hub.store.uses.count()).toBe(7);
  });

  it('flags a card seen at two sites less than 30 minutes apart', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', '东昌影城', clock, 'gym');
    const t2 = await venue(hub, 'T2', '体育中心', clock, 'gym');
    recordUse(t1.terminal, card.token, 'gym', clock());
    await upload(hub, t1);
    clock.advance(20 * 60_000);
    recordUse(t2.terminal, card.token, 'gym', clock());
    const ack = await upload(hub, t2);
    expect(ack.flags).toEqual([expect.stringMatching(/^TWO_SITES: .* at 体育中心 .* and at 东昌影城 20 min apart$/) as unknown as string]);
  });

  it('flags a terminal clock far behind (an import before the hub made the list) and far ahead', async () => {
    const { hub, clock, card } = await setup();
    const behind = await venue(hub, 'T1', 'S1', () => clock() - 3_600_000);
    const ahead = await venue(hub, 'T2', 'S2', () => clock() + 3_600_000);
    await revokeCards(hub, [(await issue(hub, [holder(9)]))[0]?.sub ?? ''], 'x');
    const [delta] = await bundlesSince(hub, bundlesQuerySchema.parse({ revocations: 'lc-hrss:1', rules: '1', trust: '1' }));
    expect(behind.terminal.importText(delta ?? '').ok).toBe(true);
    expect((await upload(hub, behind)).flags).toEqual([expect.stringMatching(/^CLOCK_OFF: terminal clock behind the hub by at least 60 min/) as unknown as string]);
    // A clock ahead stamps its uses with its own time.
    recordUse(ahead.terminal, card.token, 'cinema', clock() + 3_600_000);
    expect((await upload(hub, ahead)).flags).toEqual([expect.stringMatching(/^CLOCK_OFF: terminal clock ahead of the hub by at least 60 min/) as unknown as string]);
  });

  it('flags each use stamped far from when the terminal recorded it (--at on a terminal that let it through), and keeps it', async () => {
    const { hub, clock, card, other } = await setup();
    const t1 = await venue(hub, 'T1', '东昌影城', clock);
    const DAY = 86_400_000;
    recordUse(t1.terminal, card.token, 'cinema', clock() - 20 * DAY);
    recordUse(t1.terminal, card.token, 'cinema', clock() + 11 * 60_000);
    recordUse(t1.terminal, other.token, 'cinema', clock() - 9 * 60_000);
    const ack = await upload(hub, t1, auditEntries(t1.terminal), true);
    expect(ack.flags).toEqual([
      expect.stringMatching(/^STAMP_OFF: LC-A-\d+ cinema stamped 20 days before the terminal recorded it \(seq \d+\)$/),
      expect.stringMatching(/^STAMP_OFF: LC-A-\d+ cinema stamped 11 min after the terminal recorded it/),
    ]);
    expect(await hub.store.uses.count()).toBe(3);
    expect(await hub.store.flags.counts()).toEqual({ STAMP_OFF: 2 });
  });

  it('refuses a batch signed by another key or naming another terminal, storing nothing', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await venue(hub, 'T1', 'S1', clock);
    const t2 = await venue(hub, 'T2', 'S2', clock);
    recordUse(t1.terminal, card.token, 'cinema', clock());
    const t1Row = await hub.store.terminals.get('T1');
    // T1's request carrying T2's batch: not signed with T1's key.
    const othersBatch = await ingestUpload(hub, t2.enrolled.batch(auditEntries(t1.terminal), clock()), keys, t1Row);
    // A domain refusal carries a code; the HTTP status is the routes' business (hub/server/http-errors.ts).
    expect(othersBatch).toEqual({ ok: false, error: { code: 'BAD_SIGNATURE', message: expect.any(String) as unknown } });
    expect(httpStatusOf('BAD_SIGNATURE')).toBe(400);
    // T1 signing a batch that names T2.
    const asT2 = signEs256({ typ: 'jinka/audit-batch', terminal: 'T2', iat: Math.floor(clock() / 1000), entries: auditEntries(t1.terminal) }, t1.enrolled.key.privateKey, 'T1');
    expect(await ingestUpload(hub, asT2, keys, t1Row)).toEqual({ ok: false, error: { code: 'WRONG_TERMINAL', message: expect.any(String) as unknown } });
    expect(httpStatusOf('WRONG_TERMINAL')).toBe(403);
    // A batch signed with T2's key that names T1.
    const t2Row = await hub.store.terminals.get('T2');
    const signedByT2AsT1 = t2.enrolled.batch(auditEntries(t1.terminal), clock()).split('.');
    const payload = JSON.parse(Buffer.from(signedByT2AsT1[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const swapped = `${signedByT2AsT1[0]}.${Buffer.from(JSON.stringify({ ...payload, terminal: 'T1' })).toString('base64url')}.${signedByT2AsT1[2]}`;
    expect(await ingestUpload(hub, swapped, keys)).toMatchObject({ ok: false, error: { code: 'BAD_SIGNATURE' } });
    expect(await ingestUpload(hub, 'not a jws', keys, t2Row)).toEqual({ ok: false, error: { code: 'BAD_BATCH', message: expect.any(String) as unknown } });
    expect([httpStatusOf('BAD_BATCH'), httpStatusOf('UNKNOWN_TERMINAL'), httpStatusOf('TERMINAL_DISABLED')]).toEqual([400, 404, 403]);
    expect(await hub.store.uses.count()).toBe(0);
  });
});
