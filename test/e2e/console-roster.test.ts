import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { revokeCards } from '../../hub/issue/card-issuer.js';
import { CARD_PATHS, SHEET_PART_CARDS } from '../../shared/console/card-api.js';
import { idNumber } from '../hub/hub-fixtures.js';
import { useConsoleHub, type ConsolePage } from './console-page.js';
import { pdfText } from './support/pdf-text.js';

const HEADER = 'name,id_number,category,valid_from,valid_until';
const line = (n: number, over: Partial<Record<'id' | 'cat' | 'until', string>> = {}) =>
  [`张三${String.fromCharCode(0x4e00 + n)}`, over.id ?? idNumber(n), over.cat ?? '2', '2026-01-01', over.until ?? '2030-12-31'].join(',');
const csvFile = (lines: string[], name = 'roster.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\n')) });
/** The same ID number with its check character wrong. */
const wrongCheck = (n: number): string => idNumber(n).slice(0, 17) + (idNumber(n).endsWith('1') ? '2' : '1');

/**
 * The roster import in Chromium, as an officer uses it (issue 11): a roster with bad lines is
 * checked and every bad line shown with its number and a reason in Chinese, and nothing is
 * issued; a good roster is confirmed, its progress survives a reload mid-way (the job's id is in
 * the address), and the sheet of the issued cards names them. An auditor reads jobs but gets no
 * file chooser, and the hub refuses the auditor's import.
 */
describe('the bureau console: roster import', () => {
  const consoleHub = useConsoleHub({
    staff: [
      { id: 'officer', role: 'officer', name: '李经办' },
      { id: 'auditor', role: 'auditor', name: '赵审计' },
    ],
  });

  const openRoster = async (c: ConsolePage): Promise<void> => {
    await c.tid('nav-cards').click();
    await c.tid('roster-open').click();
    await c.tid('roster-page').waitFor();
    expect(c.page.url()).toMatch(/#\/cards\/roster$/);
  };

  it('lists every bad line of a roster with its number and a reason in Chinese, issues nothing and offers no confirm', async () => {
    await consoleHub.signedIn('officer', async (c) => {
      await openRoster(c);
      // A file that is neither CSV nor .xlsx is refused before anything is sent.
      await c.tid('roster-file').setInputFiles({ name: 'roster.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
      await expect.poll(() => c.tid('roster-problem').textContent()).toContain('只能上传 CSV 或 Excel .xlsx 文件');
      // A CSV in the old Chinese code page (GBK) is read by the hub and refused in the clerk's words.
      await c.tid('roster-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x0a]) });
      await expect.poll(() => c.tid('roster-problem').textContent()).toContain('不是 UTF-8 编码');

      const before = await consoleHub.hub.store.cards.count();
      const lines = [line(1), line(2, { id: wrongCheck(2) }), line(3, { cat: '9' }), line(4), line(5, { id: idNumber(1) }), line(6, { until: '2026-01-01' }), `${line(7)},多余`];
      // A file named after a holder's ID number: the page shows its format and size, never its name.
      await c.tid('roster-file').setInputFiles(csvFile(lines, `名单-${idNumber(1)}.csv`));
      const preview = c.tid('roster-preview');
      await preview.waitFor();
      expect(await c.tid('roster-file-chosen').textContent()).toMatch(/^已选择 CSV 文件（\d+ KB）$/);
      expect(await c.tid('roster-good-count').textContent()).toBe('可以办卡 2 行');
      expect(await c.tid('roster-bad-count').textContent()).toBe('有问题 5 行');
      expect(await c.tid('roster-nothing-issued').textContent()).toContain('还没有为这份名单办出任何一张卡');
      const bad = c.tid('roster-bad-lines');
      const rows = bad.locator('tbody tr');
      const numbers: (string | null)[] = [];
      for (let i = 0; i < (await rows.count()); i += 1) numbers.push(await rows.nth(i).getAttribute('data-line'));
      expect(numbers).toEqual(['3', '4', '6', '7', '8']);
      const reason = (n: number) => bad.locator(`tr[data-line="${n}"] td`).textContent();
      expect(await reason(3)).toContain('校验位不符');
      expect(await reason(4)).toContain('人才类别须为 1 到 5（第五条），这里是“9”');
      expect(await reason(6)).toContain('与第 2 行的证件号码相同');
      expect(await reason(7)).toContain('卡一办出就已过期');
      expect(await reason(8)).toContain('应有 5 栏，实有 6 栏');
      // No reason falls back to the hub's English sentence.
      expect((await bad.locator('td').allTextContents()).filter((text) => /[a-z]{4,}/.test(text))).toEqual([]);
      expect(await c.page.locator('[data-testid="roster-confirm"]').count()).toBe(0);
      const page = await c.page.content();
      for (const n of [1, 2, 3, 4, 6, 7]) expect(page).not.toContain(idNumber(n));
      expect(page).not.toContain(wrongCheck(2));
      await c.screenshots('roster-bad-lines');
      expect(await consoleHub.hub.store.cards.count()).toBe(before);
      expect(await consoleHub.hub.store.rosterJobs.list(10)).toEqual([]);
    });
  });

  it('issues a good roster as a job whose progress the page reads again after a reload mid-way, then offers its sheet, which names the cards', async () => {
    const total = 150;
    const repo = consoleHub.hub.store.rosterJobs;
    // The job is held after its first step of 50, so the reload happens mid-way for certain.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const progress = repo.progress.bind(repo);
    let steps = 0;
    const spy = vi.spyOn(repo, 'progress').mockImplementation(async (...args) => {
      steps += 1;
      if (steps === 2) await held;
      return progress(...args);
    });
    try {
      await consoleHub.signedIn('officer', async (c) => {
        await openRoster(c);
        await c.tid('roster-file').setInputFiles(csvFile(Array.from({ length: total }, (_, i) => line(100 + i))));
        await expect.poll(() => c.tid('roster-good-count').textContent()).toBe(`可以办卡 ${total} 行`);
        expect(await c.tid('roster-bad-count').textContent()).toBe('有问题 0 行');
        expect(await c.page.locator('[data-testid="roster-bad-lines"]').count()).toBe(0);
        await c.screenshots('roster-ready');
        await c.tid('roster-confirm').click();
        await expect.poll(() => c.page.url()).toMatch(/#\/cards\/roster\/[0-9a-f-]{36}$/);
        const id = c.page.url().split('/').pop() ?? '';
        await expect.poll(() => c.tid('roster-job-count').textContent()).toBe(`已办 50 / ${total} 张`);

        await c.page.reload();
        await expect.poll(() => c.tid('roster-job').getAttribute('data-state')).toBe('running');
        expect(await c.tid('roster-job-count').textContent()).toBe(`已办 50 / ${total} 张`);
        expect(await c.tid('roster-job-state').textContent()).toBe('正在办卡');
        expect(await c.tid('roster-progress').getAttribute('value')).toBe('50');
        expect(await c.page.locator('[data-testid="roster-downloads"]').count()).toBe(0);
        await c.screenshots('roster-progress');

        release();
        await expect.poll(() => c.tid('roster-job').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
        expect(await c.tid('roster-job-count').textContent()).toBe(`已办 ${total} / ${total} 张`);
        expect(await consoleHub.hub.store.cards.count()).toBeGreaterThanOrEqual(total);
        await c.tid('roster-jobs').locator(`tr[data-job="${id}"]`).waitFor();
        await c.screenshots('roster-done');

        // After the job ended, a reload shows the same result, with the sheet in parts of 96.
        await c.page.reload();
        await expect.poll(() => c.tid('roster-job').getAttribute('data-state')).toBe('done');
        expect(await c.tid('roster-downloads').locator('a[data-testid^="roster-sheet-"]').count()).toBe(Math.ceil(total / SHEET_PART_CARDS));
        const subs = await consoleHub.hub.store.rosterJobs.cards(id);
        expect(subs).toHaveLength(total);
        const href = (await c.tid('roster-sheet-2').getAttribute('href')) ?? '';
        expect(href).toBe(`/console/api${CARD_PATHS.rosterJobSheet(id, 2)}`);
        const sheet = await c.context.request.get(`${c.url}${href}`);
        expect(sheet.status()).toBe(200);
        const text = pdfText(await sheet.body());
        for (const sub of subs.slice(SHEET_PART_CARDS)) expect(text).toContain(sub);
        expect(text).not.toContain(subs[0]);
        const tokens = await c.context.request.get(`${c.url}${(await c.tid('roster-tokens').getAttribute('href')) ?? ''}`);
        expect((await tokens.text()).trim().split('\n').map((l) => l.split(' ')[0])).toEqual(subs);

        // Clicked, a part downloads as the PDF it names; once its cards are all revoked, the click
        // says why on the page and saves nothing (a plain link saved the hub's refusal as "….pdf").
        const [saved] = await Promise.all([c.page.waitForEvent('download'), c.tid('roster-sheet-2').click()]);
        expect(saved.suggestedFilename()).toBe(`roster-${id}-2.pdf`);
        expect(pdfText(readFileSync((await saved.path()) ?? ''))).toContain(subs[SHEET_PART_CARDS]);
        expect((await revokeCards(consoleHub.hub, subs.slice(SHEET_PART_CARDS), '持卡人已调离（第三十四条）')).ok).toBe(true);
        let downloads = 0;
        c.page.on('download', () => (downloads += 1));
        await c.tid('roster-sheet-2').click();
        await expect.poll(() => c.tid('roster-sheet-2-problem').textContent()).toContain('此卡已注销、已换发或已过期');
        expect(downloads).toBe(0);
      });
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('shows an auditor the imports but no file chooser, confirm or download, and the hub refuses the auditor’s import', async () => {
    await consoleHub.signedIn('auditor', async (c) => {
      await c.tid('nav-cards').click();
      expect(await c.tid('roster-open').textContent()).toBe('名单导入记录');
      await c.tid('roster-open').click();
      await c.tid('roster-jobs').locator('tbody tr').first().waitFor();
      expect(await c.page.locator('[data-testid="roster-file"], [data-testid="roster-upload"], [data-testid="roster-confirm"]').count()).toBe(0);
      await c.tid('roster-jobs').getByRole('link').first().click();
      await expect.poll(() => c.tid('roster-job').getAttribute('data-state')).toBe('done');
      // The sheet, QR images and tokens are working credentials: the hub hands an auditor none, and the page offers none.
      expect(await c.page.locator('[data-testid="roster-downloads"]').count()).toBe(0);
      await c.screenshots('roster-auditor');
      const before = await consoleHub.hub.store.cards.count();
      const refused = await c.postFromPage(CARD_PATHS.rosterImport, { format: 'csv', fileName: 'roster.csv', data: Buffer.from([HEADER, line(900)].join('\n')).toString('base64') });
      expect(refused).toEqual({ status: 403, error: 'FORBIDDEN' });
      expect(await consoleHub.hub.store.cards.count()).toBe(before);
    });
  });
});
