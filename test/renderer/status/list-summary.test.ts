import { describe, expect, it } from 'vitest';
import { ADMIN_TEXT } from '../../../renderer/src/i18n/admin-text.js';
import { SHELL_TEXT } from '../../../renderer/src/i18n/shell-text.js';
import { listSummary } from '../../../renderer/src/status/list-summary.js';

const zh = SHELL_TEXT.zh;
const name = ADMIN_TEXT.zh.issuerShort;

describe('the status bar’s revocation lists', () => {
  it('names the issuer whose list is missing instead of the age of the other list (seen: “2 分钟前” beside an expired-list alarm)', () => {
    const s = listSummary({ lists: [{ iss: 'lc-hrss', seq: 3, ageHours: 2 / 60, stale: false }], listsMissing: ['sd-hrss'] }, name);
    expect(s).toEqual({ missing: ['山东惠才卡'], old: [], oldestHours: 2 / 60 });
    expect(zh.listsMissing(s.missing)).toBe('山东惠才卡未导入');
    expect(zh.listsStale(s.missing, s.old)).toBe('山东惠才卡的吊销名单未导入：请尽快联网同步或导入最新名单');
  });

  it('shows the oldest list, not the newest, and names whose list is old', () => {
    const s = listSummary(
      {
        lists: [
          { iss: 'lc-hrss', seq: 3, ageHours: 0.1, stale: false },
          { iss: 'sd-hrss', seq: 8, ageHours: 80, stale: true },
        ],
        listsMissing: [],
      },
      name,
    );
    expect(s.oldestHours).toBe(80);
    expect(zh.listsStale(s.missing, s.old)).toBe('山东惠才卡的吊销名单已过期：请尽快联网同步或导入最新名单');
    expect(SHELL_TEXT.en.listsStale(s.missing, ['Huicai card'])).toBe('Huicai card revocation list out of date: sync or import the latest list soon');
  });
});
