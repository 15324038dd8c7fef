import { describe, expect, it } from 'vitest';
import { apiError } from '../../../electron/api/api-error-text.js';
import { API_ERROR_TEXT, apiErrorText } from '../../../shared/i18n/api-error-text.js';

describe('API error words: one table, the page words the code', () => {
  it('answers the code with the detail apart, so a page can word the code in its own language', () => {
    const error = apiError('BAD_PIN', 'zh', '再错 2 次将锁定 5 分钟');
    expect(error).toEqual({ code: 'BAD_PIN', message: '工号或密码不正确：再错 2 次将锁定 5 分钟', detail: '再错 2 次将锁定 5 分钟' });
    // The English page words the same answer from the table, whatever language the message was in.
    expect(apiErrorText(error, 'en')).toBe('Wrong operator id or PIN: 再错 2 次将锁定 5 分钟');
    expect(apiError('FORBIDDEN', 'en')).toEqual({ code: 'FORBIDDEN', message: 'This needs a supervisor' });
  });

  it('words every code in both languages, none empty', () => {
    for (const [code, text] of Object.entries(API_ERROR_TEXT)) {
      expect(text.zh.trim(), code).not.toBe('');
      expect(text.en.trim(), code).not.toBe('');
      expect(text.zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
