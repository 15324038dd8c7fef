import { describe, expect, it } from 'vitest';
import { syncNoticeText, syncNoticesText } from '../../electron/cli/sync-notice-text.js';
import { SYNC_NOTICE_CODES, syncNoticeSchema } from '../../shared/sync/sync-status-codes.js';
import { allSyncNoticeSamples, englishLeft, FOREIGN_SENTENCE } from '../sync/support/sync-notice-samples.js';

/** What a Chinese CLI line may spell in Latin letters: the commands it tells the supervisor to run. */
const CLI_ALLOWED = ['jinka enrol --hub URL --code', 'jinka enrol --force', 'jinka sync now --json', 'https://', 'HTTP', 'JSON'];

describe('jinka words every sync notice code (electron/cli/sync-notice-text.ts)', () => {
  const samples = allSyncNoticeSamples();

  it('has a sample of every code, each valid as stored', () => {
    expect(new Set(samples.map((s) => s.code))).toEqual(new Set(SYNC_NOTICE_CODES));
    for (const s of samples) expect(syncNoticeSchema.safeParse(s).success, s.code).toBe(true);
  });

  it.each(samples.map((s) => [s.code, s] as const))('%s: Chinese without English, English without Chinese', (_code, notice) => {
    const zh = syncNoticeText(notice, 'zh');
    const en = syncNoticeText(notice, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(englishLeft(zh, notice, CLI_ALLOWED)).toEqual([]);
    expect(zh).not.toContain(FOREIGN_SENTENCE);
    expect(en.length).toBeGreaterThan(10);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the numbers a supervisor acts on', () => {
    expect(syncNoticeText({ code: 'CLOCK_SKEW', minutes: 20, direction: 'behind' }, 'zh')).toBe('本机时钟比中心慢 20 分钟：请校正系统时钟');
    expect(syncNoticeText({ code: 'HUB_REFUSED', status: 400, hubCode: 'INVALID', hubMessage: 'bad cursor' }, 'en')).toBe('the hub refused the request (HTTP 400: INVALID: bad cursor)');
    expect(syncNoticesText([], 'zh')).toBeNull();
    expect(syncNoticesText([{ code: 'HUB_TIMEOUT' }, { code: 'CLOCK_SKEW', minutes: 7, direction: 'ahead' }], 'zh')).toMatch(/^中心未及时应答.*；本机时钟比中心快 7 分钟/);
  });
});
