import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../../node/crypto/keys.js';
import { signEs256 } from '../../../node/crypto/jws-sign.js';
import type { Hub } from '../../../hub/hub.js';
import { revokeCards } from '../../../hub/issue/card-issuer.js';
import { putForeignIssuer, relayRevocations } from '../../../hub/publish/foreign-issuers.js';
import { buildReport } from '../../../hub/report/usage-report.js';
import type { StoredCard } from '../../../hub/store/hub-store.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { quotaFeed } from '../../../hub/usage/quota-feed.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { ForgedLog } from './forged-log.js';
import { cleanupAfterEach, enrol, holder, issue, testClock, testHub, type EnrolledTerminal, type TestClock } from '../hub-fixtures.js';

const DAY = 86_400_000;

describe('ingestUpload checks each use against what the hub knows (issue 7)', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();

  const setup = async (): Promise<{ hub: Hub; clock: TestClock; card: StoredCard; tierC: StoredCard }> => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card, tierC] = await issue(made.hub, [holder(1), holder(2, '李四光', 4)]);
    if (card === undefined || tierC === undefined) throw new Error('no card');
    return { hub: made.hub, clock, card, tierC };
  };
  const upload = async (hub: Hub, t: EnrolledTerminal, entries: AuditEntry[]) => {
    const stored = await hub.store.terminals.get(t.id);
    const result = await ingestUpload(hub, t.batch(entries, hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const feedFor = async (hub: Hub, id: string) => {
    const row = await hub.store.terminals.get(id);
    if (row === undefined) throw new Error('not enrolled');
    return (await quotaFeed(hub, row, { since: 0, limit: 1000 })).uses;
  };

  it('refuses a use of a service the terminal is not enrolled for: stored, flagged, acknowledged, never fed', async () => {
    const { hub, clock, card } = await setup();
    const gym = await enrol(hub, 'T-GYM', '体育中心', 'gym');
    await enrol(hub, 'T-CINEMA', '东昌影城', 'cinema');
    const log = new ForgedLog(clock());
    for (let i = 0; i < 12; i += 1) log.use({ sub: card.sub, atMs: clock() + i * DAY });
    const ack = await upload(hub, gym, log.take());
    expect(ack.cursor).toBe(12);
    expect(ack.flags).toHaveLength(12);
    expect(ack.flags[0]).toBe(`INVALID_USE: NOT_ENROLLED_SERVICE: ${card.sub} cinema: terminal T-GYM is enrolled for gym`);
    expect(await hub.store.flags.counts()).toEqual({ INVALID_USE: 12 });
    expect(await feedFor(hub, 'T-CINEMA')).toEqual([]);
    // The 12 invented films take nothing from the holder's quota at a real cinema.
    const cinema = await enrol(hub, 'T-CINEMA-2', '开发区影城', 'cinema');
    const honest = await upload(hub, cinema, new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() + 20 * DAY }).take());
    expect(honest.flags).toEqual([]);
    expect((await feedFor(hub, 'T-CINEMA')).map((u) => u.sub)).toEqual([card.sub]);
  });

  it('refuses a use of a bureau card that does not exist, and of an issuer the hub does not know', async () => {
    const { hub, clock } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    await enrol(hub, 'T2', 'S2');
    const log = new ForgedLog(clock()).use({ sub: 'LC-A-999999', atMs: clock() }).use({ iss: 'xx-hrss', sub: 'XX-1', atMs: clock() });
    const ack = await upload(hub, t1, log.take());
    expect(ack.flags).toEqual([
      'INVALID_USE: UNKNOWN_CARD: LC-A-999999 cinema: the bureau issued no such card',
      'INVALID_USE: UNKNOWN_CARD: XX-1 cinema: issuer xx-hrss is not trusted by this hub',
    ]);
    expect(await feedFor(hub, 'T2')).toEqual([]);
  });

  it('refuses a use after the card was revoked (Art. 34) and keeps one stamped before', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    await enrol(hub, 'T2', 'S2');
    const revoked = await revokeCards(hub, [card.sub], '遗失');
    expect(revoked.ok).toBe(true);
    const log = new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() - 3_600_000 }).use({ sub: card.sub, atMs: clock() + 3_600_000 });
    const ack = await upload(hub, t1, log.take());
    expect(ack.flags).toEqual([expect.stringMatching(new RegExp(`^INVALID_USE: REVOKED: ${card.sub} cinema: revoked at `)) as unknown as string]);
    expect((await feedFor(hub, 'T2')).map((u) => u.at)).toEqual([clock() - 3_600_000]);
  });

  it('refuses a use outside the card validity', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    const ack = await upload(hub, t1, new ForgedLog(clock()).use({ sub: card.sub, atMs: card.exp * 1000 + DAY }).take());
    expect(ack.flags).toEqual([expect.stringMatching(/^INVALID_USE: NOT_VALID: /) as unknown as string]);
  });

  it('refuses a service the card tier is not entitled to (Art. 31), whatever tier the terminal claims', async () => {
    const { hub, clock, tierC } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    await enrol(hub, 'T2', 'S2');
    const log = new ForgedLog(clock()).use({ sub: tierC.sub, tier: 'C', atMs: clock() }).use({ sub: tierC.sub, tier: 'A', atMs: clock() + DAY });
    const ack = await upload(hub, t1, log.take());
    expect(ack.flags).toEqual([0, 1].map(() => `INVALID_USE: NOT_ENTITLED: ${tierC.sub} cinema: tier C is not entitled to Art. 21`));
    expect(await feedFor(hub, 'T2')).toEqual([]);
  });

  it("checks the province's Huicai cards against the relayed revocation lists and the issuer's tiers", async () => {
    const { hub, clock } = await setup();
    const sd = generateSigningKey('sd-1');
    await putForeignIssuer(hub, { iss: 'sd-hrss', name: '山东省人力资源和社会保障厅', keys: [sd.publicJwk] });
    const revokedAt = Math.floor(clock() / 1000) - 60;
    const list = signEs256({ iss: 'sd-hrss', typ: 'jinka/revocations', seq: 4, base: 0, iat: revokedAt, revoked: [{ sub: 'SD-LOST', at: revokedAt }] }, sd.privateKey, sd.kid);
    expect((await relayRevocations(hub, list)).ok).toBe(true);
    const t1 = await enrol(hub, 'T1', 'S1');
    await enrol(hub, 'T2', 'S2');
    const log = new ForgedLog(clock())
      .use({ iss: 'sd-hrss', sub: 'SD-OK', atMs: clock() })
      .use({ iss: 'sd-hrss', sub: 'SD-LOST', atMs: clock() })
      .use({ iss: 'sd-hrss', sub: 'SD-B', tier: 'B', atMs: clock() });
    const ack = await upload(hub, t1, log.take());
    expect(ack.flags).toEqual([
      expect.stringMatching(/^INVALID_USE: REVOKED: SD-LOST cinema: revoked at /) as unknown as string,
      'INVALID_USE: NOT_ENTITLED: SD-B cinema: sd-hrss cards of tier B are not accepted',
    ]);
    expect((await feedFor(hub, 'T2')).map((u) => u.sub)).toEqual(['SD-OK']);
  });

  it('feeds no over-quota use to other venues and counts none in the report', async () => {
    const { hub, clock, card } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    await enrol(hub, 'T2', 'S2');
    const log = new ForgedLog(clock());
    for (let i = 0; i < 13; i += 1) log.use({ sub: card.sub, atMs: clock() + i * DAY });
    const ack = await upload(hub, t1, log.take());
    expect(ack.flags).toEqual([`OVER_QUOTA: ${card.sub} cinema: 12 of 12 already used in the period`]);
    expect(await feedFor(hub, 'T2')).toHaveLength(12);
    expect((await buildReport(hub)).totals.uses).toBe(12);
    // The bureau still sees what was claimed.
    expect(await hub.store.uses.count()).toBe(13);
  });

  it('counts no refused use in the report totals', async () => {
    const { hub, clock, card, tierC } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    const log = new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() }).use({ sub: tierC.sub, tier: 'C', atMs: clock() }).use({ sub: 'LC-A-999999', atMs: clock() });
    await upload(hub, t1, log.take());
    const report = await buildReport(hub);
    expect(report.totals.uses).toBe(1);
    expect(report.byTier).toEqual({ A: { uses: 1, companions: 0 } });
  });

  it('stays idempotent: a refused batch sent again adds no use and no flag', async () => {
    const { hub, clock } = await setup();
    const t1 = await enrol(hub, 'T1', 'S1');
    const entries = new ForgedLog(clock()).use({ sub: 'LC-A-999999', atMs: clock() }).take();
    expect((await upload(hub, t1, entries)).cursor).toBe(1);
    expect(await upload(hub, t1, entries)).toMatchObject({ cursor: 1, accepted: 0, duplicates: 1, flags: [] });
    expect(await hub.store.flags.counts()).toEqual({ INVALID_USE: 1 });
  });
});

describe('quotaFeed', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();

  it("sends a terminal only its own service's uses", async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const hub = made.hub;
    const [card] = await issue(hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const cinema = await enrol(hub, 'T-CINEMA', '东昌影城', 'cinema');
    const library = await enrol(hub, 'T-LIB', '图书馆', 'library');
    const otherCinema = await enrol(hub, 'T-CINEMA-2', '开发区影城', 'cinema');
    const cinemaRow = await hub.store.terminals.get(cinema.id);
    const libraryRow = await hub.store.terminals.get(library.id);
    expect((await ingestUpload(hub, cinema.batch(new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() }).take(), clock()), keys, cinemaRow)).ok).toBe(true);
    const libUse = new ForgedLog(clock()).use({ sub: card.sub, service: 'library', atMs: clock() }).take();
    expect((await ingestUpload(hub, library.batch(libUse, clock()), keys, libraryRow)).ok).toBe(true);
    const forLibrary = await quotaFeed(hub, libraryRow as NonNullable<typeof libraryRow>, { since: 0, limit: 100 });
    expect(forLibrary.uses).toEqual([]);
    const otherRow = await hub.store.terminals.get(otherCinema.id);
    const forCinema = await quotaFeed(hub, otherRow as NonNullable<typeof otherRow>, { since: 0, limit: 100 });
    expect(forCinema.uses.map((u) => u.service)).toEqual(['cinema']);
  });
});
