import { useCallback } from 'react';
import type { ApiError } from '../../../shared/api/api-types.js';
import { apiErrorText } from '../../../shared/i18n/api-error-text.js';
import { useLocale } from './locale-context.js';

/** Words an API error in the page's language from its code (and the terminal's detail), never from the answer's `message`; stable while the language is. */
export function useApiErrorText(): (error: Pick<ApiError, 'code' | 'detail'>) => string {
  const locale = useLocale();
  return useCallback((error) => apiErrorText(error, locale), [locale]);
}
