/**
 * Kinds of flags the hub raises for the bureau (over quota across venues, a chain broken, two
 * sites too close, clocks far off, invented or repeated uses…): the hub stores them
 * (hub/store/hub-records.ts re-exports this list) and the console filters by them.
 */
export const FLAG_KIND_VALUES = ['OVER_QUOTA', 'INVALID_USE', 'CHAIN_BREAK', 'TWO_SITES', 'CLOCK_OFF', 'STAMP_OFF', 'CONFLICT', 'BAD_USE', 'DUPLICATE_USE', 'BAD_VOID', 'CLOCK_BACK', 'CLOCK_RESET_BACK'] as const;
