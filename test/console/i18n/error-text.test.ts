import { describe, expect, it } from 'vitest';
import type { ConsoleErrorCode } from '../../../shared/console/console-api.js';
import { CONSOLE_ERROR_TEXT, errorText } from '../../../console/src/i18n/error-text.js';

describe('the console’s words for a refusal', () => {
  it('says a known code in the table’s words, with the hub’s detail for a bad request', () => {
    expect(errorText({ code: 'LAST_ADMIN', message: 'x' }, 'zh')).toBe('控制台必须保留至少一名有效的管理员。');
    expect(errorText({ code: 'BAD_REQUEST', message: 'name' }, 'en')).toBe('Something you entered is not accepted. (name)');
  });

  it('says a code it does not know (a newer hub’s, a proxy’s) as an answer not understood, instead of failing the page', () => {
    // The client takes any string the hub answers as the code; the table has only its own.
    const unknown = { code: 'UNAVAILABLE' as ConsoleErrorCode, message: 'Service Unavailable' };
    expect(errorText(unknown, 'zh')).toBe(CONSOLE_ERROR_TEXT.BAD_ANSWER.zh);
    expect(errorText({ code: 'toString' as ConsoleErrorCode, message: '' }, 'en')).toBe(CONSOLE_ERROR_TEXT.BAD_ANSWER.en);
  });
});
