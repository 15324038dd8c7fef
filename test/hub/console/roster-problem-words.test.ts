import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobErrorWords, knowsProblem, problemWords, unreadableWords } from '../../../console/src/roster/problem-words.js';
import { STALE_JOB_ERROR } from '../../../hub/console/roster-jobs.js';
import { checkRosterUpload, RosterUnreadable } from '../../../hub/console/roster-upload.js';
import type { Hub } from '../../../hub/hub.js';
import type { RosterUploadRequest } from '../../../shared/console/card-api.js';
import { holder, idNumber, issue, testHub } from '../hub-fixtures.js';

const HEADER = 'name,id_number,category,valid_from,valid_until';
const csv = (text: string): RosterUploadRequest => ({ format: 'csv', fileName: 'r.csv', data: Buffer.from(text).toString('base64') });
/** Chinese characters: the words are the page's, not the hub's English. */
const CJK = /[\u4e00-\u9fff]/;

/**
 * The roster page says every problem the hub's checks can give in plain Chinese (README "The
 * bureau's console", its pages): the hub's own checks are run on lines made to break each rule,
 * and each sentence they give must be one the page's table knows.
 */
describe('the roster page’s words for the hub’s problems', () => {
  let made: Awaited<ReturnType<typeof testHub>>;
  let hub: Hub;
  beforeAll(async () => {
    made = await testHub();
    hub = made.hub;
    await issue(hub, [holder(1)]);
  });
  afterAll(async () => {
    await made.cleanup();
  });

  it('knows every line problem of the field checks, the plan (tier, validity, a card in force) and the header', async () => {
    const wrongCheck = idNumber(2).slice(0, 17) + (idNumber(2).endsWith('1') ? '2' : '1');
    const lines = [
      `,${idNumber(3)},2,2026-03-01,2031-02-28`,
      `${'长'.repeat(65)},${idNumber(4)},2,2026-03-01,2031-02-28`,
      `张<三>,${idNumber(5)},2,2026-03-01,2031-02-28`,
      `张三,12,2,2026-03-01,2031-02-28`,
      `张三,${wrongCheck},2,2026-03-01,2031-02-28`,
      `张三,${idNumber(6)},9,2026-03-01,2031-02-28`,
      `张三,${idNumber(7)},2,${idNumber(70)},2031-02-28`,
      `张三,${idNumber(8)},2,2026-03-01,`,
      `张三,${idNumber(9)},2,2026-03-01,2031-02-28`,
      `李四,${idNumber(9)},2,2026-03-01,2031-02-28`,
      `张三,${idNumber(10)},2,2031-03-01,2026-03-01`,
      `张三,${idNumber(11)},2,2020-01-01,2020-12-31`,
      `张三,${idNumber(12)},2,2026-03-01,2046-02-28`,
      `张三,${idNumber(1)},2,2026-03-01,2031-02-28`,
      `张三,${idNumber(13)},2,2026-03-01`,
      `"张三,${idNumber(14)},2,2026-03-01,2031-02-28`,
    ];
    const checked = await checkRosterUpload(hub, csv([HEADER, ...lines].join('\n')));
    const messages = checked.problems.map((p) => p.message);
    // One line each at least, and the sentences cover the rules named above.
    expect(new Set(checked.problems.map((p) => p.line)).size).toBe(lines.length - 1);
    expect(messages.length).toBeGreaterThanOrEqual(15);
    const header = await checkRosterUpload(hub, csv('name,id\n张三,1'));
    const empty = await checkRosterUpload(hub, csv(HEADER));
    for (const message of [...messages, ...header.problems.map((p) => p.message), ...empty.problems.map((p) => p.message)]) {
      expect(knowsProblem(message), message).toBe(true);
      expect(problemWords(message, 'zh'), message).toMatch(CJK);
      expect(problemWords(message, 'en')).toBe(message);
    }
    // No ID number is shown back, in either language.
    for (const m of messages) for (const n of [2, 3, 7, 70]) expect(problemWords(m, 'zh')).not.toContain(idNumber(n).slice(0, 12));
    expect(problemWords(messages.find((m) => m.startsWith('category')) ?? '', 'zh')).toBe('人才类别须为 1 到 5（第五条），这里是“9”');
    expect(problemWords(messages.find((m) => m.startsWith('valid_from')) ?? '', 'zh')).toBe('有效期起（一个 18 个字符的值）不是日期，应写成 2026-03-01 这样');
    expect(problemWords(messages.find((m) => m.startsWith('this holder')) ?? '', 'zh')).toMatch(/^此人已有有效金卡 LC-A-\d+（有效至 2031-02-28）/);
  });

  it('says why a file cannot be read, and why a job stopped, in Chinese', async () => {
    const uploads: RosterUploadRequest[] = [
      { format: 'csv', fileName: 'r.csv', data: 'not base64!' },
      { format: 'csv', fileName: 'r.csv', data: '' },
      { format: 'csv', fileName: 'r.csv', data: Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]).toString('base64') },
      { format: 'csv', fileName: 'r.csv', data: Buffer.from('a\u0000b').toString('base64') },
      csv([HEADER, ...Array<string>(5001).fill(',,,,')].join('\n')),
      { format: 'xlsx', fileName: 'r.xlsx', data: Buffer.from(HEADER).toString('base64') },
      { format: 'xlsx', fileName: 'r.xlsx', data: Buffer.from(zipSync({ 'a.xml': strToU8('<a/>') })).toString('base64') },
      { format: 'xlsx', fileName: 'r.xlsx', data: Buffer.from(zipSync(Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`x/${i}.xml`, strToU8('<a/>')])))).toString('base64') },
    ];
    for (const upload of uploads) {
      const refusal = await checkRosterUpload(hub, upload).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(RosterUnreadable);
      const words = unreadableWords((refusal as RosterUnreadable).message, 'zh');
      // The table's own words follow the colon: not the hub's English sentence shown as it came.
      expect(words, (refusal as RosterUnreadable).message).toMatch(/^无法读取这个文件：[\u4e00-\u9fff“（\d]/);
      expect(words).toMatch(/。没有办理任何卡。$/);
      expect(words).not.toContain((refusal as RosterUnreadable).message);
    }
    expect(jobErrorWords(STALE_JOB_ERROR, 'zh')).toContain('中心进程中途停止');
    const stopped = 'stopped at line 52: line 53: this holder already has card LC-A-000009 (valid until 2031-02-28): use reissue';
    expect(jobErrorWords(stopped, 'zh')).toBe('在第 52 行处停止：第 53 行：此人已有有效金卡 LC-A-000009（有效至 2031-02-28），如需换卡请在金卡详情中“换发”。已办出的卡保留有效。');
  });
});
