import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '../../support/fixtures.js';
import { serviceFixture, type ServiceFixture } from './service-fixture.js';

let f: ServiceFixture;
beforeEach(async () => {
  f = await serviceFixture();
  await f.signIn('supervisor');
  await f.value('settings.set', { service: 'scenic', terminalId: 'GATE-7' });
  await f.signIn('operator');
});
afterEach(() => f.cleanup());

/** Verifies at a Shanghai time and records it when accepted. */
const scan = async (iso: string, token: string, companions: Record<string, number> = {}, record = true) => {
  await f.jumpClock(at(iso));
  const view = await f.value('card.verify', { token, companions });
  if (record && view.decision.decision === 'accept') await f.value('card.record', { decisionId: view.id, idChecked: true, companions });
  return view;
};

describe('history.list, history.summary and history.exportCsv', () => {
  // Lists were issued 2026-06-01 09:00: the day is 2026-06-02 so no scan is before a time the terminal has seen.
  beforeEach(async () => {
    await scan('2026-06-01T23:59:00+08:00', f.authority.card({ sub: 'YESTERDAY' }));
    await scan('2026-06-02T00:00:00+08:00', f.authority.card({ sub: 'A1' }), { spouse: 1, child: 2 });
    await scan('2026-06-02T09:15:00+08:00', f.authority.card({ sub: 'A2' }), { parent: 2 });
    await scan('2026-06-02T09:30:00+08:00', f.authority.card({ sub: 'A3' }), {}, false);
    await scan('2026-06-02T10:00:00+08:00', f.authority.card({ sub: 'B1', tier: 'C', cat: 4, exp: 1 }));
    await scan('2026-06-02T10:05:00+08:00', 'garbage');
    await scan('2026-06-03T00:00:00+08:00', f.authority.card({ sub: 'TOMORROW' }));
    await f.jumpClock(at('2026-06-02T18:00:00+08:00'));
  });

  it('lists today’s decisions in Shanghai time, newest first, with filters and limit', async () => {
    const today = await f.value('history.list', {});
    expect(today.map((h) => h.card ?? h.reason)).toEqual(['MALFORMED', 'lc-hrss/B1', 'lc-hrss/A3', 'lc-hrss/A2', 'lc-hrss/A1']);
    expect(today[1]).toMatchObject({ decision: 'reject', reason: 'EXPIRED', holder: '张*明', recorded: false, at: '2026-06-02T10:00:00+08:00' });
    expect(today.map((h) => h.recorded)).toEqual([false, false, false, true, true]);
    expect((await f.value('history.list', { decision: 'accept' })).map((h) => h.card)).toEqual(['lc-hrss/A3', 'lc-hrss/A2', 'lc-hrss/A1']);
    expect(await f.value('history.list', { service: 'cinema' })).toEqual([]);
    expect(await f.value('history.list', { limit: 2 })).toHaveLength(2);
    expect((await f.value('history.list', { day: '2026-06-01' })).map((h) => h.card)).toEqual(['lc-hrss/YESTERDAY']);
    expect(await f.service.call('history.list', { day: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('sums today’s figures: outcomes, uses by service, companions, rejections by reason, decisions per hour', async () => {
    const summary = await f.value('history.summary', {});
    expect(summary).toMatchObject({
      day: '2026-06-02',
      decisions: 5,
      accepted: 3,
      rejected: 2,
      usesByService: { scenic: 2 },
      companionsByRelation: { spouse: 1, child: 2, parent: 2, spouse_parent: 0, escort: 0 },
      rejectionsByReason: { EXPIRED: 1, MALFORMED: 1 },
    });
    expect(summary.byHour[0]).toBe(1);
    expect(summary.byHour[9]).toBe(2);
    expect(summary.byHour[10]).toBe(2);
    expect(summary.byHour.reduce((a, b) => a + b, 0)).toBe(5);
    expect(await f.value('history.summary', { day: '2026-06-04' })).toMatchObject({ decisions: 0, usesByService: {} });
  });

  it('exports the day as CSV with a BOM, the terminal id in the file name, oldest first', async () => {
    const { filename, csv } = await f.value('history.exportCsv', {});
    expect(filename).toBe('jinka-GATE-7-2026-06-02.csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFdecision_id,at,service,decision,reason,warnings,holder,card,recorded,companions');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(',2026-06-02T00:00:00+08:00,scenic,accept,,,张*明,lc-hrss/A1,yes,spouse=1;child=2');
    expect(lines[5]).toContain(',reject,MALFORMED,');
  });
});
