import { describe, expect, it } from 'vitest';
import { logSafe } from '../../../hub/console/staff-log.js';
import { withholdLongNumbers } from '../../../shared/privacy/long-numbers.js';

/**
 * PIPL (least personal data): an 18-character resident ID number typed into a note, quoted in a
 * flag's detail or reaching the staff log is withheld however a clerk's keyboard wrote it.
 */
const ID = '11010119900307123X';
const digitsOf = (s: string): string => s.normalize('NFKC').replace(/\D/g, '');

const VARIANTS: Record<string, string> = {
  plain: ID,
  spaced: '110101 19900307 123X',
  dashed: '110101-19900307-123X',
  'full-width (a Chinese IME in full-width mode)': '１１０１０１１９９００３０７１２３Ｘ',
  'full-width check character': '11010119900307123Ｘ',
  'zero-width space inside': '110101\u200b19900307123X',
  'no-break spaces': '110101\u00a019900307\u00a0123X',
  'old 15-digit number, spaced': '110101 900307 123',
};

describe('withholdLongNumbers and logSafe', () => {
  for (const [name, text] of Object.entries(VARIANTS)) {
    it(`withhold an ID number written ${name}`, () => {
      for (const shown of [withholdLongNumbers(`持证人身份证 ${text} 已核实`), logSafe(`note ${text}`) ?? '']) {
        expect(shown).toContain('[number withheld]');
        expect(digitsOf(shown)).not.toMatch(/\d{10,}/);
        expect(shown).not.toMatch(/[XxＸ]\s*已核实|[XxＸ]$/);
      }
    });
  }

  it('keep the words, Chinese punctuation, card numbers, times and short numbers around them as they are', () => {
    const note = '已电话核实，持卡人本人先看电影后游园。卡号 LC-A-000123，2026-11-30 12:00，电话 0635-8888123';
    expect(withholdLongNumbers(note)).toBe(note);
    expect(logSafe(note)).toBe(note);
  });

  it('drop invisible format characters from what the staff log keeps', () => {
    expect(logSafe('a\u200bb\u2066c')).toBe('abc');
  });
});
