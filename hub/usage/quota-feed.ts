import { z } from 'zod';
import type { RemoteUse } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import type { StoredTerminal } from '../store/hub-store.js';

/** GET /v1/quota query. */
export const quotaQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  // `voided=1`: also uses voided since the cursor, as items with `voided: true` (older terminals do not ask, and are sent none).
  voided: z.enum(['0', '1']).default('0').transform((v) => v === '1'),
});

/**
 * Uses of the caller's own service, when it has a quota (per the rules in force), recorded at
 * other terminals after the cursor, for quotas across venues: two cinemas together give 12
 * films a card-year, not 24. A terminal learns nothing of other services (least data), and
 * no refused use is ever sent. Copies carried over to a re-issued card are sent to every
 * terminal of the service, the caller's too. A caller that asks (`voided`) is also told of uses
 * voided since its cursor (gate mode: the gate never opened): the same item with `voided: true`,
 * at the cursor the use took when it was voided, so a reader that holds it drops it and none is skipped.
 */
export async function quotaFeed(
  hub: Hub,
  terminal: StoredTerminal,
  query: { since: number; limit: number; voided?: boolean },
): Promise<{ hubTime: number; cursor: number; uses: RemoteUse[]; more: boolean }> {
  const { rules } = await hub.rules();
  const services = rules.services.filter((s) => s.quota !== undefined && s.id === terminal.service).map((s) => s.id);
  const page = await hub.store.uses.feed({ afterCursor: query.since, excludeTerminal: terminal.id, services, limit: query.limit, voided: query.voided === true });
  return {
    hubTime: hub.now(),
    cursor: page.cursor,
    uses: page.uses.map((u) => ({ id: u.id, iss: u.iss, sub: u.sub, service: u.service, beneficiary: u.beneficiary, at: u.atMs, ...(u.refused === 'VOIDED' ? { voided: true as const } : {}) })),
    more: page.more,
  };
}
