import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_PATHS, ROSTER_LIMITS, type RosterJobView, type RosterPreviewResponse } from '../../../shared/console/card-api.js';
import { Hub } from '../../../hub/hub.js';
import { buildHubApp } from '../../../hub/server/hub-server.js';
import { idNumber, PASSPHRASE } from '../hub-fixtures.js';
import { consoleBench, type Browser, rosterJobSettled } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const HEADER = 'name,id_number,category,valid_from,valid_until';
const line = (n: number, over: Partial<Record<'name' | 'id' | 'cat' | 'from' | 'until', string>> = {}) =>
  [over.name ?? `张三${String.fromCharCode(0x4e00 + n)}`, over.id ?? idNumber(n), over.cat ?? '2', over.from ?? '2026-03-01', over.until ?? '2031-02-28'].join(',');
const csv = (lines: string[], fileName = 'roster.csv') => ({ format: 'csv', fileName, data: Buffer.from([HEADER, ...lines].join('\n')).toString('base64') });
const xlsx = (files: Record<string, Uint8Array>) => ({ format: 'xlsx', fileName: 'roster.xlsx', data: Buffer.from(zipSync(files)).toString('base64') });

/** A minimal workbook as Excel writes one: shared strings, a number cell, dates as serial days. */
function workbook(rows: { name: string; id: string; cat: number; from: number; until: number }[]): Record<string, Uint8Array> {
  const strings = ['name', 'id_number', 'category', 'valid_from', 'valid_until', ...rows.flatMap((r) => [r.name, r.id])];
  const s = (i: number) => `<c t="s"><v>${i}</v></c>`;
  const sheetRows = [
    `<row r="1">${[0, 1, 2, 3, 4].map(s).join('')}</row>`,
    ...rows.map((r, i) => `<row r="${i + 2}">${s(5 + 2 * i)}${s(6 + 2 * i)}<c><v>${r.cat}</v></c><c s="1"><v>${r.from}</v></c><c s="1"><v>${r.until}</v></c></row>`),
  ];
  return {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook/>'),
    'xl/sharedStrings.xml': strToU8(`<sst>${strings.map((t) => `<si><t>${t.replace(/&/g, '&amp;').replace(/'/g, '&apos;')}</t></si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetRows.join('')}</sheetData></worksheet>`),
  };
}

/** Every byte of every file under `dir` (the database, its WAL, anything else the hub wrote). */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    parts.push(statSync(path).isDirectory() ? allBytes(path) : readFileSync(path));
  }
  return Buffer.concat(parts);
}

describe('console roster import', () => {
  let bench: Bench;
  let officer: Browser;
  beforeEach(async () => {
    bench = await consoleBench();
    officer = await bench.as('officer');
  });
  afterEach(async () => {
    await bench.cleanup();
  });

  const waitDone = (id: string): Promise<RosterJobView> => rosterJobSettled(bench, officer, id);

  it('previews: every bad line listed, good lines masked, nothing issued, no ID number in the answer', async () => {
    const lines = [
      line(1),
      line(2, { cat: '9' }),
      line(3, { id: idNumber(3).slice(0, 17) + (idNumber(3).endsWith('0') ? '1' : '0') }),
      line(4, { from: idNumber(40) }),
      line(5, { id: idNumber(1) }),
      line(6, { until: '2026-02-01' }),
    ];
    const r = await bench.post(officer, CARD_PATHS.rosterPreview, csv(lines));
    expect(r.statusCode, r.body).toBe(200);
    const preview = r.json<RosterPreviewResponse>();
    expect(preview.ready).toBe(false);
    expect(preview.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(preview.problems[2]?.message).toMatch(/valid_from \(18 characters\) is not a date/);
    expect(preview.lines).toEqual([expect.objectContaining({ line: 2, maskedName: '张*丁', idTail: idNumber(1).slice(-4), tier: 'A' })]);
    for (const n of [1, 2, 3, 40, 5, 6]) expect(r.body).not.toContain(idNumber(n).slice(0, 17));
    expect(await bench.hub.store.cards.count()).toBe(0);
    const refused = await bench.post(officer, CARD_PATHS.rosterImport, csv(lines));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: string; message: string }>()).toMatchObject({ error: 'ROSTER_INVALID' });
    expect(refused.json<{ message: string }>().message).toMatch(/^5 line\(s\) cannot be issued, nothing was issued/);
    expect(await bench.hub.store.cards.count()).toBe(0);
  });

  it('issues a long roster as a job whose progress is in the database, read by another hub process', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => line(i + 1));
    // A file named after a holder's ID number: the name is kept with the number withheld.
    const started = await bench.post(officer, CARD_PATHS.rosterImport, csv(lines, `名单-${idNumber(1)}.csv`));
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json<RosterJobView>();
    expect(job).toMatchObject({ total: 120, state: 'running', staff: 'officer' });
    expect(started.body).not.toContain(idNumber(1));
    const done = await waitDone(job.id);
    expect(done).toMatchObject({ state: 'done', issued: 120, error: null });
    expect(await bench.hub.store.cards.count()).toBe(120);

    // Another process on the same database answers the same progress to the same session.
    const other = await Hub.open(bench.dataDir, PASSPHRASE, bench.clock);
    const { app } = buildHubApp(other, {});
    await app.ready();
    try {
      const seen = await app.inject({ method: 'GET', url: `/console/api${CARD_PATHS.rosterJob(job.id)}`, headers: { cookie: officer.cookie } });
      expect(seen.json()).toMatchObject({ id: job.id, state: 'done', issued: 120 });
    } finally {
      await app.close();
      await other.close();
    }

    const tokens = await bench.get(officer, CARD_PATHS.rosterJobTokens(job.id));
    expect(tokens.body.trim().split('\n')).toHaveLength(120);
    const zip = unzipSync(new Uint8Array((await bench.get(officer, CARD_PATHS.rosterJobQr(job.id))).rawPayload));
    expect(Object.keys(zip)).toHaveLength(120);
    const pdf = await bench.get(officer, CARD_PATHS.rosterJobSheet(job.id, 2));
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // 120 cards: part 2 holds the last 24 (3 pages of 8); there is no part 3.
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
    expect((await bench.get(officer, CARD_PATHS.rosterJobSheet(job.id, 3))).statusCode).toBe(404);
    expect((await bench.get(officer, CARD_PATHS.rosterJobs)).json()).toMatchObject({ jobs: [{ id: job.id, state: 'done' }] });
    // Least data (PIPL): no holder's ID number anywhere in the hub's files.
    const bytes = allBytes(bench.dataDir);
    for (const n of [1, 60, 120]) expect(bytes.includes(Buffer.from(idNumber(n)))).toBe(false);
  });

  it('reads an .xlsx roster: shared strings, numbers, dates typed in Excel', async () => {
    // 46082 is 2026-03-01 and 47907 is 2031-02-28 in Excel's 1900 system.
    const files = workbook([
      { name: '李晓华', id: idNumber(11), cat: 3, from: 46082, until: 47907 },
      { name: "O'Brien", id: idNumber(12), cat: 9, from: 46082, until: 47907 },
    ]);
    const r = await bench.post(officer, CARD_PATHS.rosterPreview, xlsx(files));
    expect(r.statusCode, r.body).toBe(200);
    const preview = r.json<RosterPreviewResponse>();
    expect(preview.lines).toEqual([expect.objectContaining({ line: 2, maskedName: '李*华', tier: 'B', validFrom: Date.parse('2026-03-01T00:00:00+08:00'), validUntil: Date.parse('2031-03-01T00:00:00+08:00') })]);
    expect(preview.problems.map((p) => p.line)).toEqual([3]);
    expect(preview.problems[0]?.message).toMatch(/category must be 1–5/);
  });

  it('refuses a zip bomb, a zip of many parts, garbage and a non-UTF-8 CSV with a clear error, issuing nothing', async () => {
    const bomb = { ...workbook([]), 'xl/worksheets/sheet1.xml': new Uint8Array(ROSTER_LIMITS.maxInflatedBytes + 1024) };
    const bombUpload = xlsx(bomb);
    expect(Buffer.from(bombUpload.data, 'base64').length).toBeLessThan(ROSTER_LIMITS.maxFileBytes);
    const cases: [object, RegExp][] = [
      [bombUpload, /inflates to more than/],
      [xlsx(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x/${i}.xml`, strToU8('<a/>')]))), /more than 64 parts/],
      [{ format: 'xlsx', fileName: 'r.xlsx', data: Buffer.from('PK\u0003\u0004 this is no zip at all').toString('base64') }, /not a readable \.xlsx|no first sheet/],
      [{ format: 'xlsx', fileName: 'r.xlsx', data: Buffer.from(HEADER).toString('base64') }, /not an \.xlsx workbook/],
      [{ format: 'csv', fileName: 'r.csv', data: Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c]).toString('base64') }, /not UTF-8/],
      [{ format: 'csv', fileName: 'r.csv', data: 'not base64!' }, /not base64/],
    ];
    for (const [upload, message] of cases) {
      for (const path of [CARD_PATHS.rosterPreview, CARD_PATHS.rosterImport]) {
        const r = await bench.post(officer, path, upload);
        expect(r.statusCode, r.body).toBe(400);
        expect(r.json<{ error: string; message: string }>()).toMatchObject({ error: 'ROSTER_INVALID' });
    expect(r.json<{ message: string }>().message).toMatch(message);
      }
    }
    expect(await bench.hub.store.cards.count()).toBe(0);
    expect(await bench.hub.store.rosterJobs.list(10)).toEqual([]);
  });

  it('refuses an oversize file or roster (413) before reading a line', async () => {
    const big = { format: 'csv', fileName: 'r.csv', data: Buffer.alloc(ROSTER_LIMITS.maxFileBytes + 1, 0x41).toString('base64') };
    const r = await bench.post(officer, CARD_PATHS.rosterPreview, big);
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ error: 'ROSTER_TOO_LARGE' });
    const many = Array.from({ length: ROSTER_LIMITS.maxLines + 1 }, (_, i) => line(i + 1));
    const r2 = await bench.post(officer, CARD_PATHS.rosterImport, csv(many));
    expect(r2.statusCode).toBe(413);
    expect(r2.json<{ error: string; message: string }>()).toMatchObject({ error: 'ROSTER_TOO_LARGE' });
    expect(r2.json<{ message: string }>().message).toMatch(/more than 5000 holders/);
    const huge = await bench.post(officer, CARD_PATHS.rosterPreview, { format: 'csv', fileName: 'r.csv', data: 'A'.repeat(8 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(await bench.hub.store.cards.count()).toBe(0);
  });
});
