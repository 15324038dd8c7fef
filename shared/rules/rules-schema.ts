import { z } from 'zod';
import { RELATIONS } from '../relations.js';

/** Card tiers of Art. 31; the token's `tier` claim is one of these. */
export const TIERS = ['A', 'B', 'C'] as const;
/** One card tier. */
export type Tier = (typeof TIERS)[number];

const articleRange = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([from, to]) => from <= to, 'article range must run from low to high');

const category = z.number().int().min(1).max(5);

/** Tier entitlement: the articles a tier may use and the talent categories it is issued to (Art. 31). */
export const tierRuleSchema = z.strictObject({
  articles: articleRange,
  categories: z.array(category).min(1),
});

const localizedName = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

/** How a quota's periods are counted (DESIGN.md §2, §6). */
export const quotaSchema = z.strictObject({
  /** card_year: from the card's nbf; calendar_month: Asia/Shanghai months; lifetime: one period, ever. */
  period: z.enum(['card_year', 'calendar_month', 'lifetime']),
  /** Uses allowed in one period. */
  limit: z.number().int().min(1),
  /** For card_year: how many card-years the benefit lasts (Art. 21: 3). */
  periods: z.number().int().min(1).optional(),
  /** Uses allowed over the whole benefit (Art. 22: 36 monthly claims). */
  totalLimit: z.number().int().min(1).optional(),
  /** Counted per beneficiary (Art. 22: per parent) rather than per card. */
  perBeneficiary: z.boolean().default(false),
});
/** A quota rule. */
export type QuotaRule = z.infer<typeof quotaSchema>;

const serviceId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'service id: lower-case letters, digits, _');

/** One entry of the service catalogue (Art. 39: the catalogue changes over time). */
export const serviceRuleSchema = z.strictObject({
  id: serviceId,
  article: z.number().int().min(1),
  name: localizedName,
  /** Art. 18–20: family members and one escort may come along. */
  companions: z.boolean().default(false),
  /** Art. 18: the same-day ticket number is recorded with the use. */
  requiresTicket: z.boolean().default(false),
  /** Art. 22: the parent the claim is for. */
  requiresBeneficiary: z.boolean().default(false),
  quota: quotaSchema.optional(),
});
/** A service of the catalogue. */
export type ServiceRule = z.infer<typeof serviceRuleSchema>;

const warning = z.enum(['CLOCK_SUSPECT', 'LISTS_STALE', 'DUPLICATE']);

/** Site-policy settings and their bounds; rules carry the defaults, a site may override. */
export const sitePolicySchema = z.strictObject({
  /** §4: tolerance on nbf and exp, at most 5 minutes. */
  clockToleranceSeconds: z.number().int().min(0).max(300),
  /** §6 DUPLICATE window. */
  duplicateWindowSeconds: z.number().int().min(0).max(86_400),
  /** §6 LISTS_STALE: age of the revocation list after which it warns. */
  listStaleHours: z.number().min(0).max(24 * 365),
  /** Warnings this site turns into rejections. */
  escalate: z.array(warning).default([]),
});
/** Site policy in force. */
export type SitePolicy = z.infer<typeof sitePolicySchema>;

/** The whole rule set: what a signed `jinka/rules` bundle carries in `rules` (DESIGN.md §5). */
export const rulesSchema = z
  .strictObject({
    tiers: z.strictObject({ A: tierRuleSchema, B: tierRuleSchema, C: tierRuleSchema }),
    /** Issuers whose cards may only carry some tiers and categories (the Huicai card: A, 1). */
    issuerConstraints: z
      .record(z.string().min(1), z.strictObject({ tiers: z.array(z.enum(TIERS)).min(1), categories: z.array(category).min(1) }))
      .default({}),
    services: z.array(serviceRuleSchema).min(1),
    companionLimits: z.strictObject(
      Object.fromEntries(RELATIONS.map((r) => [r, z.number().int().min(0).max(20)])) as Record<
        (typeof RELATIONS)[number],
        z.ZodNumber
      >,
    ),
    sitePolicyDefaults: sitePolicySchema,
  })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    for (const service of rules.services) {
      if (seen.has(service.id)) ctx.addIssue({ code: 'custom', message: `service ${service.id} listed twice` });
      seen.add(service.id);
      if (service.quota?.period === 'card_year' && service.quota.periods === undefined)
        ctx.addIssue({ code: 'custom', message: `service ${service.id}: a card_year quota needs periods` });
    }
  });
/** Validated rules. */
export type Rules = z.infer<typeof rulesSchema>;
/** Rules as written in a bundle, before defaults are filled in. */
export type RulesInput = z.input<typeof rulesSchema>;
