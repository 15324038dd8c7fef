import { z } from 'zod';
import { tierSchema } from './card-api.js';

/**
 * The console's rules routes (Art. 39: the catalogue changes over time; README "The bureau's
 * console", Rules). Paths relative to CONSOLE_API. The catalogue: every role. Preview and
 * publish: admin only. Publishing is two steps: `preview` validates the uploaded file with the
 * rules schema and answers the diff against the version in force and a token; `publish` signs
 * only the very bytes previewed (the token binds their SHA-256 and the version in force) and
 * refuses them if another version was published since.
 */
export const RULES_PATHS = {
  /** GET → rulesCatalogueResponse. */
  catalogue: '/rules',
  /** POST rulesUploadRequest → rulesPreviewResponse (nothing is published). */
  preview: '/rules/preview',
  /** POST rulesPublishRequest → rulesPublishResponse (201). */
  publish: '/rules/publish',
} as const;

/** The largest rules file accepted, in UTF-8 bytes (the default catalogue is about 3 KiB). */
export const RULES_FILE_MAX_BYTES = 256 * 1024;
/** How long a preview token stays good. */
export const RULES_PREVIEW_TTL_MS = 30 * 60_000;

const quotaViewSchema = z.strictObject({
  period: z.enum(['card_year', 'calendar_month', 'lifetime']),
  limit: z.number().int(),
  periods: z.number().int().nullable(),
  totalLimit: z.number().int().nullable(),
  perBeneficiary: z.boolean(),
});

/** One service of the catalogue as a table row: the tiers are those whose articles cover it (Art. 31). */
export const catalogueRowSchema = z.strictObject({
  service: z.string(),
  name: z.strictObject({ zh: z.string(), en: z.string() }),
  article: z.number().int(),
  tiers: z.array(tierSchema),
  quota: quotaViewSchema.nullable(),
  companions: z.boolean(),
  requiresTicket: z.boolean(),
  requiresBeneficiary: z.boolean(),
});
export type CatalogueRow = z.infer<typeof catalogueRowSchema>;

export const rulesCatalogueResponseSchema = z.strictObject({
  version: z.number().int(),
  /** When the version in force was published, ms (null for a version the hub did not record). */
  publishedAt: z.number().int().nullable(),
  rows: z.array(catalogueRowSchema),
  /** Art. 18–20: at most this many companions of each relation per use. */
  companionLimits: z.record(z.string(), z.number().int()),
});
export type RulesCatalogueResponse = z.infer<typeof rulesCatalogueResponseSchema>;

/** The uploaded file: its name (shown back, never trusted) and its text (the rules JSON, as `jinka-hub rules set` reads). */
export const rulesUploadRequestSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(RULES_FILE_MAX_BYTES),
});
export type RulesUploadRequest = z.infer<typeof rulesUploadRequestSchema>;

/** One difference from the version in force: a service added, removed or changed (each changed field with its value before and after, as JSON text), or another part of the rules changed. */
export const rulesChangeSchema = z.strictObject({
  change: z.enum(['added', 'removed', 'changed']),
  /** `service` a catalogue entry (by id); `tiers`, `companionLimits`, `sitePolicyDefaults`, `issuerConstraints` the rest. */
  part: z.enum(['service', 'tiers', 'companionLimits', 'sitePolicyDefaults', 'issuerConstraints']),
  /** The service id, or the part's name. */
  key: z.string(),
  /** Changed fields (`quota.limit`, `article`…), empty for an added or removed service. */
  fields: z.array(z.strictObject({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type RulesChange = z.infer<typeof rulesChangeSchema>;

export const rulesPreviewResponseSchema = z.strictObject({
  /** The version in force the diff is against, and the version publishing would make. */
  baseVersion: z.number().int(),
  nextVersion: z.number().int(),
  /** SHA-256 of the uploaded text's UTF-8 bytes, hex. */
  sha256: z.string(),
  changes: z.array(rulesChangeSchema),
  /** The catalogue the file would put in force. */
  rows: z.array(catalogueRowSchema),
  /** Give back with the very same text to publish; good for RULES_PREVIEW_TTL_MS. */
  previewToken: z.string(),
  expiresAt: z.number().int(),
});
export type RulesPreviewResponse = z.infer<typeof rulesPreviewResponseSchema>;

export const rulesPublishRequestSchema = rulesUploadRequestSchema.extend({ previewToken: z.string().min(1).max(512) });
export type RulesPublishRequest = z.infer<typeof rulesPublishRequestSchema>;

export const rulesPublishResponseSchema = z.strictObject({ version: z.number().int(), sha256: z.string(), publishedAt: z.number().int() });
export type RulesPublishResponse = z.infer<typeof rulesPublishResponseSchema>;
