import { z } from 'zod';
import { FLAG_KIND_VALUES } from './flag-kinds.js';
import { shanghaiDaySchema, staffNoteSchema, tallySchema } from './ops-api.js';

/**
 * The console's usage reports and flags (README "The bureau's console", Usage and reports).
 * Paths relative to CONSOLE_API. Reads open to every role; resolving a flag: admin and officer.
 * Exports are recorded in the staff log (who took which range).
 */
export const USAGE_PATHS = {
  /** GET usageQuery → usageResponse. */
  report: '/usage',
  /** GET usageQuery → text/csv (UTF-8 with BOM), one row per day, site, service and tier. */
  csv: '/usage/export.csv',
  /** GET usageQuery → .xlsx: sheet "Usage" (as the CSV), sheet "Companions" (relation, count). */
  xlsx: '/usage/export.xlsx',
  /** GET flagsQuery → flagListResponse. */
  flags: '/flags',
  /** POST resolveFlagRequest → flagView. */
  resolveFlag: (id: number) => `/flags/${id}/resolve`,
} as const;

/** The longest range one report covers, in days. */
export const USAGE_RANGE_DAYS_MAX = 366;

/** A range of Shanghai calendar days, both included (uses stamped from `from` 00:00 to the end of `to`). */
export const usageQuerySchema = z
  .strictObject({ from: shanghaiDaySchema, to: shanghaiDaySchema })
  .refine((q) => q.from <= q.to, 'from must not be after to')
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < USAGE_RANGE_DAYS_MAX, `at most ${USAGE_RANGE_DAYS_MAX} days`);
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** One row: uses of a service by a tier at a site on a Shanghai day. */
export const usageRowSchema = z.strictObject({
  day: z.string(),
  site: z.string(),
  service: z.string(),
  tier: z.string(),
  uses: z.number().int(),
  companions: z.number().int(),
});
export type UsageRowView = z.infer<typeof usageRowSchema>;

/** A group and its tally (sorted by key). */
export const groupTallySchema = z.strictObject({ key: z.string(), uses: z.number().int(), companions: z.number().int() });

export const usageResponseSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  /** Counting uses (neither carried copies, refused nor voided). */
  totals: tallySchema,
  /** Uses their terminal voided (gate mode: the gate never opened), counted in no total. */
  voided: z.number().int(),
  rows: z.array(usageRowSchema),
  byService: z.array(groupTallySchema),
  bySite: z.array(groupTallySchema),
  byDay: z.array(groupTallySchema),
  byTier: z.array(groupTallySchema),
  /** People who came along, by relation (Art. 18–20). */
  companionsByRelation: z.array(z.strictObject({ relation: z.string(), count: z.number().int() })),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

export const flagKindSchema = z.enum(FLAG_KIND_VALUES);

export const flagsQuerySchema = z.strictObject({
  /** Default `open`. */
  state: z.enum(['open', 'resolved', 'all']).optional(),
  kind: flagKindSchema.optional(),
  /** Flags with an id below this (the next page: the last id seen). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type FlagsQuery = z.infer<typeof flagsQuerySchema>;

/** A flag as the console shows it: the card number at most, never a holder's name or ID number. */
export const flagViewSchema = z.strictObject({
  id: z.number().int(),
  kind: flagKindSchema,
  terminalId: z.string().nullable(),
  iss: z.string().nullable(),
  card: z.string().nullable(),
  useId: z.string().nullable(),
  auditSeq: z.number().int().nullable(),
  /** When the flagged event happened (terminal clock), ms. */
  at: z.number().int().nullable(),
  flaggedAt: z.number().int(),
  detail: z.string(),
  resolvedAt: z.number().int().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type FlagView = z.infer<typeof flagViewSchema>;

export const flagListResponseSchema = z.strictObject({
  flags: z.array(flagViewSchema),
  /** Open flags by kind (all of them, not just this page). */
  openByKind: z.record(z.string(), z.number().int()),
});
export type FlagListResponse = z.infer<typeof flagListResponseSchema>;

export const resolveFlagRequestSchema = z.strictObject({ note: staffNoteSchema });
export type ResolveFlagRequest = z.infer<typeof resolveFlagRequestSchema>;

export const flagIdParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
