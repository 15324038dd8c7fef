import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_PATHS, type RosterJobView } from '../../../shared/console/card-api.js';
import { unzipSync } from 'fflate';
import { createStaff } from '../../../hub/console/staff-accounts.js';
import { revokeCards } from '../../../hub/issue/card-issuer.js';
import { ROSTER_JOB_STALE_MS, STALE_JOB_ERROR } from '../../../hub/console/roster-jobs.js';
import { idNumber } from '../hub-fixtures.js';
import { browserOf, consoleBench, type Browser, rosterJobSettled } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const HEADER = 'name,id_number,category,valid_from,valid_until';
const line = (n: number) => [`张三${String.fromCharCode(0x4e00 + n)}`, idNumber(n), '2', '2026-03-01', '2031-02-28'].join(',');
const csv = (lines: string[]) => ({ format: 'csv', fileName: 'roster.csv', data: Buffer.from([HEADER, ...lines].join('\n')).toString('base64') });

/**
 * What a hostile or careless caller does with the roster import (README "Security", the bureau's
 * console: cards): a roster of 50,000 lines, a file that is neither CSV nor .xlsx, the same
 * roster confirmed twice at once, and job ids that are malformed, unknown or another officer's.
 */
describe('console roster import: attacks', () => {
  let bench: Bench;
  let officer: Browser;
  beforeEach(async () => {
    bench = await consoleBench();
    officer = await bench.as('officer');
  });
  afterEach(async () => {
    await bench.cleanup();
  });

  const waitSettled = (id: string): Promise<RosterJobView> => rosterJobSettled(bench, officer, id);

  it('refuses a roster of 50,000 short lines with 413 before checking a line, and makes no job', async () => {
    // 50,000 lines of ",,,," fit well inside 2 MiB: the line bound, not the size bound, refuses them.
    const upload = { format: 'csv', fileName: 'r.csv', data: Buffer.from([HEADER, ...Array<string>(50_000).fill(',,,,')].join('\n')).toString('base64') };
    const started = Date.now();
    for (const path of [CARD_PATHS.rosterPreview, CARD_PATHS.rosterImport]) {
      const r = await bench.post(officer, path, upload);
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json()).toMatchObject({ error: 'ROSTER_TOO_LARGE' });
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await bench.hub.store.rosterJobs.list(10)).toEqual([]);
  });

  it('refuses a PDF or a PNG sent as a CSV, and a CSV sent as an .xlsx (400 ROSTER_INVALID), issuing nothing', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj <<>> endobj\n', 'latin1');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const uploads = [
      { format: 'csv', fileName: 'r.csv', data: pdf.toString('base64') },
      { format: 'csv', fileName: 'r.csv', data: png.toString('base64') },
      { format: 'xlsx', fileName: 'r.xlsx', data: csv([line(1)]).data },
    ];
    for (const upload of uploads) {
      const r = await bench.post(officer, CARD_PATHS.rosterImport, upload);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json()).toMatchObject({ error: 'ROSTER_INVALID' });
    }
    // A format the hub does not know at all is refused by the schema.
    const other = await bench.post(officer, CARD_PATHS.rosterPreview, { format: 'xls', fileName: 'r.xls', data: csv([line(1)]).data });
    expect(other.statusCode).toBe(400);
    expect(await bench.hub.store.cards.count()).toBe(0);
  });

  it('confirms the same roster twice at once: one job issues every card once, the other is refused and makes no job', async () => {
    const upload = csv(Array.from({ length: 120 }, (_, i) => line(i + 1)));
    const [a, b] = await Promise.all([bench.post(officer, CARD_PATHS.rosterImport, upload), bench.post(officer, CARD_PATHS.rosterImport, upload)]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([202, 400]);
    const refused = a.statusCode === 400 ? a : b;
    // The second import's check sees the first job's cards (Art. 31: one card in force per holder).
    expect(refused.json()).toMatchObject({ error: 'ROSTER_INVALID' });
    expect(refused.json<{ message: string }>().message).toMatch(/already has card LC-A-\d+/);
    const job = (a.statusCode === 202 ? a : b).json<RosterJobView>();
    expect(await waitSettled(job.id)).toMatchObject({ state: 'done', issued: 120 });
    expect(await bench.hub.store.cards.count()).toBe(120);
    expect(await bench.hub.store.rosterJobs.list(10)).toHaveLength(1);
    // Once done, the same file again is refused too, and nothing more is issued.
    const again = await bench.post(officer, CARD_PATHS.rosterImport, upload);
    expect(again.statusCode).toBe(400);
    expect(await bench.hub.store.cards.count()).toBe(120);
  });

  it('hands out nothing of a job’s card that was revoked since: not in the tokens, the QR images or the sheet; a part left empty is refused', async () => {
    const started = await bench.post(officer, CARD_PATHS.rosterImport, csv(Array.from({ length: 100 }, (_, i) => line(i + 1))));
    expect(started.statusCode, started.body).toBe(202);
    const job = await waitSettled(started.json<RosterJobView>().id);
    const subs = await bench.hub.store.rosterJobs.cards(job.id);
    const gone = subs[1] ?? '';
    const lastPart = subs.slice(96);
    const revoked = await revokeCards(bench.hub, [gone, ...lastPart], '持卡人已调离（第三十四条）');
    expect(revoked.ok).toBe(true);

    const tokens = (await bench.get(officer, CARD_PATHS.rosterJobTokens(job.id))).body;
    expect(tokens.trim().split('\n')).toHaveLength(100 - 1 - lastPart.length);
    expect(tokens).not.toContain(`${gone} `);
    const zip = unzipSync(new Uint8Array((await bench.get(officer, CARD_PATHS.rosterJobQr(job.id))).rawPayload));
    expect(Object.keys(zip)).not.toContain(`${gone}.png`);
    expect(Object.keys(zip)).toHaveLength(100 - 1 - lastPart.length);
    const part1 = await bench.get(officer, CARD_PATHS.rosterJobSheet(job.id, 1));
    expect(part1.statusCode).toBe(200);
    // 95 cards in force in part 1: 12 pages of 8 (the last holding 7).
    expect(part1.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(12);
    const part2 = await bench.get(officer, CARD_PATHS.rosterJobSheet(job.id, 2));
    expect(part2.statusCode).toBe(409);
    expect(part2.json()).toMatchObject({ error: 'CARD_NOT_IN_FORCE' });
  });

  it('shows a job left running by a stopped process as failed without writing on each poll; the jobs list marks it in the store', async () => {
    const id = randomUUID();
    expect(await bench.hub.store.rosterJobs.create({ id, staffId: 'officer', fileName: '', total: 10, createdMs: bench.clock() - ROSTER_JOB_STALE_MS - 1 })).toBe(true);
    const shown = (await bench.get(officer, CARD_PATHS.rosterJob(id))).json<RosterJobView>();
    expect(shown.state).toBe('failed');
    expect(shown.error).toBe(STALE_JOB_ERROR);
    // The page polls this every second: the poll read, it did not write.
    expect((await bench.hub.store.rosterJobs.get(id))?.state).toBe('running');
    expect((await bench.get(officer, '/cards/roster/jobs')).statusCode).toBe(200);
    expect((await bench.hub.store.rosterJobs.get(id))?.state).toBe('failed');
  });

  it('answers a malformed job id 400 and an unknown one 404; another officer reads a job (the office shares its work); an auditor reads it but downloads nothing and cannot import', async () => {
    const started = await bench.post(officer, CARD_PATHS.rosterImport, csv([line(1), line(2)]));
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json<RosterJobView>();
    expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await waitSettled(job.id);

    for (const id of ['1', '../staff', `${job.id}x`, job.id.toUpperCase().replace(/-/g, '')]) {
      expect((await bench.get(officer, CARD_PATHS.rosterJob(id))).statusCode, id).toBe(400);
    }
    for (const path of [CARD_PATHS.rosterJob(randomUUID()), CARD_PATHS.rosterJobTokens(randomUUID()), CARD_PATHS.rosterJobSheet(randomUUID())]) {
      expect((await bench.get(officer, path)).statusCode, path).toBe(404);
    }
    for (const part of [0, 1001]) expect((await bench.get(officer, CARD_PATHS.rosterJobSheet(job.id, part))).statusCode).toBe(400);

    const made = await createStaff(bench.hub, { id: 'officer2', name: '测试二', role: 'officer', password: 'officer2-password-1' }, { actor: 'cli:test', address: 'local' });
    expect(made.ok).toBe(true);
    const colleague = browserOf(await bench.signIn('officer2', 'officer2-password-1'));
    expect((await bench.get(colleague, CARD_PATHS.rosterJob(job.id))).json()).toMatchObject({ id: job.id, staff: 'officer', issued: 2 });
    const auditor = await bench.as('auditor');
    expect((await bench.get(auditor, CARD_PATHS.rosterJob(job.id))).json()).toMatchObject({ id: job.id, issued: 2 });
    // The sheet, QR images and tokens are working credentials: officers and admins hand them out, an auditor reads.
    for (const path of [CARD_PATHS.rosterJobTokens(job.id), CARD_PATHS.rosterJobQr(job.id), CARD_PATHS.rosterJobSheet(job.id)]) {
      expect((await bench.get(auditor, path)).statusCode, path).toBe(403);
    }
    const refused = await bench.post(auditor, CARD_PATHS.rosterImport, csv([line(3)]));
    expect(refused.statusCode).toBe(403);
    expect(await bench.hub.store.cards.count()).toBe(2);
  });
});
