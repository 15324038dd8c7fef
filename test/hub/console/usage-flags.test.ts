import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Terminal } from '../../../electron/core/terminal.js';
import { readXlsxRows } from '../../../hub/console/roster-xlsx.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import type { OverviewResponse } from '../../../shared/console/overview-api.js';
import type { FlagListResponse, FlagView, UsageResponse } from '../../../shared/console/usage-api.js';
import { auditEntries, enrol, holder, issue, recordUse, terminalFromHub, type EnrolledTerminal } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

describe('console usage reports, exports and flags', () => {
  let b: Bench;
  const cleanups: (() => void)[] = [];
  const keys = new TerminalKeys();
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await b.cleanup();
  });

  /** Two terminals at two sites (one named like a spreadsheet formula), uses on three Shanghai days; answers how many uses each recorded. */
  async function twoVenues(): Promise<{ recorded: number }> {
    const cards = await issue(b.hub, [holder(1), holder(2), holder(3), holder(4)]);
    const venues: { terminal: Terminal; enrolled: EnrolledTerminal }[] = [];
    for (const [id, site] of [['T1', 'cinema-a'], ['T2', '=HYPERLINK("http://x")']] as const) {
      const made = await terminalFromHub(b.hub, () => b.hub.now());
      cleanups.push(made.cleanup);
      venues.push({ terminal: made.terminal, enrolled: await enrol(b.hub, id, site, 'cinema') });
    }
    const plan: [number, number, string][] = [
      [0, 0, '2026-06-01T00:10:00+08:00'],
      [0, 1, '2026-06-01T12:00:00+08:00'],
      [1, 2, '2026-06-02T09:00:00+08:00'],
      [1, 3, '2026-06-03T23:59:00+08:00'],
      [0, 2, '2026-06-04T00:00:00+08:00'],
    ];
    for (const [v, c, iso] of plan) {
      const venue = venues[v];
      if (venue === undefined) throw new Error('no venue');
      b.clock.set(iso);
      recordUse(venue.terminal, cards[c]?.token ?? '', 'cinema', b.clock());
      const result = await ingestUpload(b.hub, venue.enrolled.batch(auditEntries(venue.terminal), b.clock()), keys, await b.hub.store.terminals.get(venue.enrolled.id));
      if (!result.ok) throw new Error(result.error.message);
    }
    return { recorded: plan.length };
  }

  it('report totals equal the uses recorded at two terminals, grouped by service, site, day and tier over a Shanghai date range', async () => {
    const { recorded } = await twoVenues();
    const officer = await b.as('officer');
    const all = (await b.get(officer, '/usage?from=2026-06-01&to=2026-06-04')).json<UsageResponse>();
    expect(all.totals.uses).toBe(recorded);
    expect(all.rows.reduce((n, r) => n + r.uses, 0)).toBe(recorded);
    expect(all.byService).toEqual([{ key: 'cinema', uses: 5, companions: 0 }]);
    expect(all.bySite).toEqual([
      { key: '=HYPERLINK("http://x")', uses: 2, companions: 0 },
      { key: 'cinema-a', uses: 3, companions: 0 },
    ]);
    expect(all.byDay.map((d) => [d.key, d.uses])).toEqual([
      ['2026-06-01', 2],
      ['2026-06-02', 1],
      ['2026-06-03', 1],
      ['2026-06-04', 1],
    ]);
    // The range is of Shanghai days: 2 to 3 June holds the 09:00 and the 23:59 uses, not 4 June's midnight.
    expect((await b.get(officer, '/usage?from=2026-06-02&to=2026-06-03')).json<UsageResponse>().totals.uses).toBe(2);
    expect((await b.get(officer, '/usage?from=2026-06-04&to=2026-06-01')).statusCode).toBe(400);
    expect((await b.get(officer, '/usage?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
    expect((await b.get(officer, '/usage?from=2025-01-01&to=2026-06-01')).statusCode).toBe(400);
    expect((await b.get(officer, '/usage')).statusCode).toBe(400);
  });

  it('exports CSV (a formula-like site defused) and .xlsx (parsed back: the same rows, the site as plain text), each recorded in the staff log', async () => {
    await twoVenues();
    const auditor = await b.as('auditor');
    const json = (await b.get(auditor, '/usage?from=2026-06-01&to=2026-06-04')).json<UsageResponse>();
    const csv = await b.get(auditor, '/usage/export.csv?from=2026-06-01&to=2026-06-04');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="usage-2026-06-01-2026-06-04.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('day,site,service,tier,uses,companions');
    expect(lines).toHaveLength(json.rows.length + 1);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);

    const xlsx = await b.get(auditor, '/usage/export.xlsx?from=2026-06-01&to=2026-06-04');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(xlsx.rawPayload);
    const rows = readXlsxRows(bytes);
    expect(rows[0]).toEqual(['day', 'site', 'service', 'tier', 'uses', 'companions']);
    expect(rows.slice(1)).toEqual(json.rows.map((r) => [r.day, r.site, r.service, r.tier, String(r.uses), String(r.companions)]));
    const parts = unzipSync(bytes);
    const sheet1 = strFromU8(parts['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet1).not.toContain('<f>');
    expect(sheet1).toContain('t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t>');
    expect(strFromU8(parts['xl/workbook.xml'] ?? new Uint8Array())).toContain('<sheet name="Companions" sheetId="2" r:id="rId2"/>');
    expect(strFromU8(parts['xl/worksheets/sheet2.xml'] ?? new Uint8Array())).toContain('<t xml:space="preserve">relation</t>');

    const log = (await b.hub.store.staffLog.list(0, 100)).filter((e) => e.action.startsWith('usage.export'));
    expect(log).toMatchObject([
      { staffId: 'auditor', action: 'usage.export-csv', target: '2026-06-01..2026-06-04', outcome: 'ok' },
      { staffId: 'auditor', action: 'usage.export-xlsx', target: '2026-06-01..2026-06-04', outcome: 'ok' },
    ]);
  });

  it('lists open flags, resolves one with a note (who, when), refuses resolving it twice, and the overview counts one fewer open', async () => {
    await b.hub.store.flags.add(
      [
        { kind: 'OVER_QUOTA', terminalId: 'T1', sub: 'LC-A-000001', detail: 'over quota across venues' },
        { kind: 'CLOCK_OFF', terminalId: 'T2', detail: 'clock +3 h' },
      ],
      b.clock(),
    );
    const officer = await b.as('officer');
    const open = (await b.get(officer, '/flags')).json<FlagListResponse>();
    expect(open.flags.map((f) => f.kind)).toEqual(['CLOCK_OFF', 'OVER_QUOTA']);
    expect(open.openByKind).toEqual({ CLOCK_OFF: 1, OVER_QUOTA: 1 });
    const id = open.flags[1]?.id ?? 0;
    b.clock.advance(60_000);
    const resolved = await b.post(officer, `/flags/${id}/resolve`, { note: '已核实，两地使用属实' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json<FlagView>()).toMatchObject({ id, card: 'LC-A-000001', resolvedAt: b.clock(), resolvedBy: 'officer', note: '已核实，两地使用属实' });
    expect((await b.post(officer, `/flags/${id}/resolve`, { note: 'again' })).json()).toMatchObject({ error: 'ALREADY_RESOLVED' });
    expect((await b.post(officer, '/flags/999999/resolve', { note: 'x' })).json()).toMatchObject({ error: 'NOT_FOUND' });
    expect((await b.post(officer, `/flags/${id}/resolve`, { note: '' })).statusCode).toBe(400);
    expect((await b.post(officer, '/flags/abc/resolve', { note: 'x' })).statusCode).toBe(400);
    expect((await b.get(officer, '/flags')).json<FlagListResponse>().flags.map((f) => f.kind)).toEqual(['CLOCK_OFF']);
    expect((await b.get(officer, '/flags?state=resolved')).json<FlagListResponse>().flags.map((f) => f.id)).toEqual([id]);
    expect((await b.get(officer, '/flags?state=all&kind=OVER_QUOTA')).json<FlagListResponse>().flags).toHaveLength(1);
    expect((await b.get(officer, '/flags?kind=NOPE')).statusCode).toBe(400);
    expect((await b.get(officer, '/overview')).json<OverviewResponse>().openFlags).toEqual({ total: 1, byKind: { CLOCK_OFF: 1 } });
    expect((await b.hub.store.staffLog.list(0, 100)).filter((e) => e.action === 'flag.resolve').map((e) => [e.target, e.outcome])).toEqual([
      [String(id), 'ok'],
      [String(id), 'refused:ALREADY_RESOLVED'],
      ['999999', 'refused:NOT_FOUND'],
      [String(id), 'refused:BAD_REQUEST'],
      [null, 'refused:BAD_REQUEST'],
    ]);
  });
});
