import { describe, expect, it } from 'vitest';
import { syncNoticeText } from '../../../renderer/src/i18n/sync-notice-text.js';
import { allSyncNoticeSamples, englishLeft, FOREIGN_SENTENCE } from '../../sync/support/sync-notice-samples.js';

/** What a Chinese line of the counter may spell in Latin letters. */
const PAGE_ALLOWED = ['jinka sync now', 'https://', 'HTTP'];

describe('the counter words every sync notice code (renderer/src/i18n/sync-notice-text.ts)', () => {
  const samples = allSyncNoticeSamples();

  it.each(samples.map((s) => [s.code, s] as const))('%s: Chinese without English, English without Chinese', (_code, notice) => {
    const zh = syncNoticeText(notice, 'zh');
    const en = syncNoticeText(notice, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(englishLeft(zh, notice, PAGE_ALLOWED)).toEqual([]);
    expect(zh).not.toContain(FOREIGN_SENTENCE);
    expect(en.length).toBeGreaterThan(10);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('tells counter staff who acts, and never shows the hub its own English', () => {
    expect(syncNoticeText({ code: 'TERMINAL_DISABLED', hubMessage: FOREIGN_SENTENCE }, 'en')).toBe('This terminal was disabled at the hub: contact the bureau');
    expect(syncNoticeText({ code: 'NOT_ENROLLED' }, 'zh')).toBe('本终端尚未登记到管理平台，名单与规则请由主管导入');
  });
});
