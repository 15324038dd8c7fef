import type { ApiError, ApiErrorCode } from '../../shared/api/api-types.js';
import { apiErrorText } from '../../shared/i18n/api-error-text.js';
import type { Locale } from '../../shared/i18n/locale.js';

/**
 * An API error: its code and the terminal's detail, which the page words from its own table
 * (shared/i18n/api-error-text.ts); `message` is the same words in the terminal's language,
 * kept for callers of the contract that read it.
 */
export function apiError(code: ApiErrorCode, locale: Locale, detail?: string, retryAt?: string): ApiError {
  return { code, message: apiErrorText({ code, detail }, locale), ...(detail === undefined ? {} : { detail }), ...(retryAt === undefined ? {} : { retryAt }) };
}
