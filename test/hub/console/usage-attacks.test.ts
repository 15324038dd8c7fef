import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../hub/console/roster-xlsx.js';
import { TerminalKeys } from '../../../hub/terminals/terminal-auth.js';
import { ingestUpload } from '../../../hub/usage/ingest-upload.js';
import type { FlagListResponse, UsageResponse } from '../../../shared/console/usage-api.js';
import { auditEntries, enrol, holder, idNumber, issue, recordUse, terminalFromHub } from '../hub-fixtures.js';
import { consoleBench } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;

/**
 * What a malicious caller does with the usage report, its exports and the flags (README
 * "Security", the console's usage and flags): ranges the hub must refuse, a forged flag kind,
 * notes too long or carrying control characters, site names that are spreadsheet formulas, and
 * a flag text that carries an ID number.
 */
describe('console usage and flags under attack', () => {
  let b: Bench;
  const cleanups: (() => void)[] = [];
  beforeEach(async () => {
    b = await consoleBench();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) c();
    await b.cleanup();
  });

  it('refuses a range of ten years, one longer than 366 days, from after to and a day that does not exist (30 February, year 50); 366 days are answered', async () => {
    const officer = await b.as('officer');
    for (const q of ['from=2016-01-01&to=2026-01-01', 'from=2024-01-01&to=2025-01-01', 'from=2026-06-02&to=2026-06-01', 'from=2026-02-29&to=2026-03-01', 'from=2026-6-1&to=2026-06-02', 'from=0050-01-01&to=0050-01-02', 'from=2026-06-01&to=2026-06-01&extra=1']) {
      for (const path of ['/usage', '/usage/export.csv', '/usage/export.xlsx']) {
        const r = await b.get(officer, `${path}?${q}`);
        expect([path, q, r.statusCode, r.json<{ error: string }>().error]).toEqual([path, q, 400, 'BAD_REQUEST']);
      }
    }
    // 2024 is a leap year: 1 January to 31 December is 366 days, the most one report covers.
    expect((await b.get(officer, '/usage?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
    // A refused export is not an export: the staff log names it refused.
    const exports = (await b.hub.store.staffLog.list(0, 500)).filter((e) => e.action.startsWith('usage.export'));
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.every((e) => e.outcome === 'refused:BAD_REQUEST')).toBe(true);
  });

  it('refuses a forged flag kind, state, before and limit', async () => {
    const auditor = await b.as('auditor');
    for (const q of ['kind=NOPE', "kind=OVER_QUOTA'--", 'kind=over_quota', 'state=deleted', 'before=0', 'before=-1', 'limit=501', 'limit=0', 'foo=1']) {
      expect([q, (await b.get(auditor, `/flags?${q}`)).statusCode]).toEqual([q, 400]);
    }
  });

  it('refuses a note of 100 KB or with control characters, line breaks or a bidirectional override, and the flag stays open', async () => {
    await b.hub.store.flags.add([{ kind: 'CLOCK_OFF', terminalId: 'T1', detail: 'clock +3 h' }], b.clock());
    const officer = await b.as('officer');
    const id = (await b.get(officer, '/flags')).json<FlagListResponse>().flags[0]?.id ?? 0;
    // 100 KB is over the hub's 64 KiB body limit: refused before it is read. 20 KB (60 KB as UTF-8) is read, and the note's own bound refuses it.
    const big = await b.post(officer, `/flags/${id}/resolve`, { note: 'x'.repeat(100 * 1024) });
    expect([big.statusCode, big.json<{ error: string }>().error]).toEqual([413, 'TOO_LARGE']);
    const notes = ['核'.repeat(20_000), '已核实\u0000', '已核实\n第二行', '已核实\r附言', '已核实\u0007', '已\u202E核实', '   ', 'x'.repeat(501)];
    for (const note of notes) {
      const r = await b.post(officer, `/flags/${id}/resolve`, { note });
      expect([note.slice(0, 8), r.statusCode, r.json<{ error: string }>().error]).toEqual([note.slice(0, 8), 400, 'BAD_REQUEST']);
    }
    const flag = (await b.get(officer, '/flags?state=all')).json<FlagListResponse>().flags[0];
    expect(flag).toMatchObject({ id, resolvedAt: null, note: null });
    // 500 characters of one line is a good note.
    expect((await b.post(officer, `/flags/${id}/resolve`, { note: '核'.repeat(500) })).statusCode).toBe(200);
  });

  it('shows no ID number in a flag: a long run of digits in its detail or note is withheld', async () => {
    const id18 = idNumber(7);
    await b.hub.store.flags.add([{ kind: 'BAD_USE', terminalId: 'T1', auditSeq: 4, detail: `seq 4: use body: Unrecognized key: "${id18}"` }], b.clock());
    const officer = await b.as('officer');
    const listed = (await b.get(officer, '/flags')).json<FlagListResponse>();
    const flag = listed.flags[0];
    expect(flag?.detail).toContain('[number withheld]');
    expect(JSON.stringify(listed)).not.toContain(id18);
    const resolved = await b.post(officer, `/flags/${flag?.id ?? 0}/resolve`, { note: `持卡人 ${id18} 已核实` });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.body).not.toContain(id18);
    expect((await b.get(officer, '/flags?state=all')).body).not.toContain(id18);
  });

  it('exports site names that look like formulas as text: defused in the CSV, inline strings in the .xlsx', async () => {
    const keys = new TerminalKeys();
    const [card] = await issue(b.hub, [holder(1)]);
    const sites = ['=HYPERLINK("http://evil.example","景区")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', 'a","=1+1'];
    for (const [i, site] of sites.entries()) {
      const made = await terminalFromHub(b.hub, () => b.hub.now());
      cleanups.push(made.cleanup);
      const enrolled = await enrol(b.hub, `T${i + 1}`, site, 'scenic');
      b.clock.set(`2026-06-0${i + 1}T10:00:00+08:00`);
      recordUse(made.terminal, card?.token ?? '', 'scenic', b.clock());
      const result = await ingestUpload(b.hub, enrolled.batch(auditEntries(made.terminal), b.clock()), keys, await b.hub.store.terminals.get(enrolled.id));
      if (!result.ok) throw new Error(result.error.message);
    }
    const officer = await b.as('officer');
    const report = (await b.get(officer, '/usage?from=2026-06-01&to=2026-06-30')).json<UsageResponse>();
    expect(report.bySite.map((s) => s.key).sort()).toEqual([...sites].sort());

    const csv = (await b.get(officer, '/usage/export.csv?from=2026-06-01&to=2026-06-30')).body.replace(/^\uFEFF/, '');
    const fields = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => parseCsvLine(line)[1] ?? '');
    for (const f of fields) expect(/^[=+\-@\t\r]/.test(f)).toBe(false);
    expect(fields.sort()).toEqual(sites.map((s) => (/^[=+\-@]/.test(s) ? `'${s}` : s)).sort());

    const bytes = new Uint8Array((await b.get(officer, '/usage/export.xlsx?from=2026-06-01&to=2026-06-30')).rawPayload);
    expect(readXlsxRows(bytes).slice(1).map((r) => r[1]).sort()).toEqual([...sites].sort());
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(sheet).not.toMatch(/<f[ >]/);
    // Every text cell is an inline string: a spreadsheet shows it and never evaluates it.
    expect(sheet.match(/<c r="B\d+"[^>]*>/g)?.every((c) => c.includes('t="inlineStr"'))).toBe(true);
  });
});

/** One line of RFC 4180 CSV (quoted fields, doubled quotes). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
