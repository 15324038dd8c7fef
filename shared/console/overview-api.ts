import { z } from 'zod';
import { tierSchema } from './card-api.js';
import { tallySchema } from './ops-api.js';

/**
 * The console's overview (README "The bureau's console", Overview): GET `OVERVIEW_PATH` (relative
 * to CONSOLE_API) → overviewResponse. Open to every role. Days and months are Asia/Shanghai.
 */
export const OVERVIEW_PATH = '/overview';

/** A terminal heard from within this long is online. */
export const ONLINE_WITHIN_MS = 15 * 60_000;

/** Uses of one service in a period (the chart's bars). */
export const serviceTallySchema = z.strictObject({ service: z.string(), uses: z.number().int(), companions: z.number().int() });
export type ServiceTally = z.infer<typeof serviceTallySchema>;

export const overviewResponseSchema = z.strictObject({
  /** The hub's clock, ms. */
  at: z.number().int(),
  /** Today and this month in Shanghai (YYYY-MM-DD, YYYY-MM). */
  today: z.string(),
  month: z.string(),
  /** Cards in force now (neither revoked, expired nor not yet valid), by tier, and in all. */
  cardsInForce: z.strictObject({ byTier: z.record(tierSchema, z.number().int()), total: z.number().int() }),
  /** Counting uses by service, today and this month (voided and refused uses excluded); every service of the rules in force is listed. */
  usesToday: z.array(serviceTallySchema),
  usesThisMonth: z.array(serviceTallySchema),
  totalToday: tallySchema,
  totalThisMonth: tallySchema,
  /**
   * Enrolled terminals not disabled: `online` heard from within ONLINE_WITHIN_MS; `silent` the
   * rest (never synced included); `staleLists` not heard from for longer than the rules'
   * `listStaleHours` (the lists it holds can be no newer than its last contact); `brokenChain`
   * with an open CHAIN_BREAK flag.
   */
  terminals: z.strictObject({
    active: z.number().int(),
    online: z.number().int(),
    silent: z.number().int(),
    staleLists: z.number().int(),
    brokenChain: z.number().int(),
    disabled: z.number().int(),
  }),
  /** Flags nobody resolved yet, in all and by kind. */
  openFlags: z.strictObject({ total: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
