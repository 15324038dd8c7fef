import { useCallback } from 'react';
import type { SyncNotice } from '../../../shared/sync/sync-status-codes.js';
import { useLocale } from './locale-context.js';
import { syncNoticesText } from './sync-notice-text.js';

/** Words the sync state's notices in the page's language (null when there are none); stable while the language is. */
export function useSyncNoticesText(): (notices: readonly SyncNotice[]) => string | null {
  const locale = useLocale();
  return useCallback((notices) => syncNoticesText(notices, locale), [locale]);
}
