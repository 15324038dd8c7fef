import { describe, expect, it } from 'vitest';
import type { Hub } from '../../../hub/hub.js';
import { reissueCard } from '../../../hub/issue/card-issuer.js';
import { buildReport } from '../../../hub/report/usage-report.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import { quotaFeed } from '../../../hub/usage/quota-feed.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import { cleanupAfterEach, enrol, holder, issue, testClock, testHub, type EnrolledTerminal } from '../hub-fixtures.js';
import { ForgedLog } from './forged-log.js';

const HOUR = 3_600_000;

describe('the hub judges a quota the way Art. 21 and 22 count it, whatever labels or card numbers a terminal uses', () => {
  const later = cleanupAfterEach();
  const keys = new TerminalKeys();
  const upload = async (hub: Hub, t: EnrolledTerminal, entries: AuditEntry[]) => {
    const stored = await hub.store.terminals.get(t.id);
    const result = await ingestUpload(hub, t.batch(entries, hub.now()), keys, stored);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const fedTo = async (hub: Hub, id: string) => {
    const row = await hub.store.terminals.get(id);
    if (row === undefined) throw new Error('not enrolled');
    return (await quotaFeed(hub, row, { since: 0, limit: 1000 })).uses;
  };

  it('Art. 22: an eldercare use counts only for father or mother; invented beneficiary labels are refused, not new quotas', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const home = await enrol(made.hub, 'T-ELD', '养老院', 'eldercare');
    await enrol(made.hub, 'T-ELD-2', '另一养老院', 'eldercare');
    const log = new ForgedLog(clock());
    for (const beneficiary of ['father', 'father', 'p1', 'p2', 'p3', 'grandma', '', '母亲']) log.use({ sub: card.sub, service: 'eldercare', beneficiary, atMs: clock() });
    const ack = await upload(made.hub, home, log.take());
    // The label itself is never repeated (it may name a person).
    const notAParent = `INVALID_USE: NOT_ENTITLED: ${card.sub} eldercare: the beneficiary is not the holder's father or mother (Art. 22)`;
    expect(ack.flags).toEqual([`OVER_QUOTA: ${card.sub} eldercare: 1 of 1 already used in the period`, ...Array<string>(5).fill(notAParent)]);
    // One month's subsidy for each parent, nothing more.
    expect((await fedTo(made.hub, 'T-ELD-2')).map((u) => u.beneficiary)).toEqual(['father', 'mother']);
    expect((await buildReport(made.hub)).totals.uses).toBe(2);
  });

  it('refuses a beneficiary on a service that takes none', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    later(made.cleanup);
    const [card] = await issue(made.hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const cinema = await enrol(made.hub, 'T1', 'S1');
    const ack = await upload(made.hub, cinema, new ForgedLog(clock()).use({ sub: card.sub, beneficiary: 'father', atMs: clock() }).take());
    expect(ack.flags).toEqual([`INVALID_USE: NOT_ENTITLED: ${card.sub} cinema: the service takes no beneficiary, the use names one`]);
  });

  it('Art. 34: a late use of a re-issued card is judged against the successor card, which holds the carried uses', async () => {
    const clock = testClock();
    const made = await testHub(clock);
    const hub = made.hub;
    later(made.cleanup);
    const [card] = await issue(hub, [holder(1)]);
    if (card === undefined) throw new Error('no card');
    const t1 = await enrol(hub, 'T1', 'S1');
    const t2 = await enrol(hub, 'T2', 'S2');
    const t3 = await enrol(hub, 'T3', 'S3');
    const films = new ForgedLog(clock());
    for (let i = 0; i < 11; i += 1) films.use({ sub: card.sub, atMs: clock() - (20 - i) * HOUR });
    expect((await upload(hub, t1, films.take())).flags).toEqual([]);
    const reissued = await reissueCard(hub, card.sub, '遗失');
    if (!reissued.ok) throw new Error('reissue refused');
    const successor = reissued.value.card.sub;
    clock.advance(HOUR);
    expect((await upload(hub, t2, new ForgedLog(clock()).use({ sub: successor, atMs: clock() }).take())).flags).toEqual([]);
    // An offline terminal uploads, late, a use of the old card stamped before its revocation: the 13th film of the month.
    const late = await upload(hub, t3, new ForgedLog(clock()).use({ sub: card.sub, atMs: clock() - 2 * HOUR }).take());
    expect(late.flags).toEqual([`OVER_QUOTA: ${card.sub} cinema: 12 of 12 already used in the period`]);
    // Its copy under the new number is refused too, so no venue is fed a 13th counting film.
    expect((await fedTo(hub, 'T1')).filter((u) => u.sub === successor)).toHaveLength(12);
    expect((await buildReport(hub)).totals.uses).toBe(12);
  });
});
