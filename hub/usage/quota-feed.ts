import { z } from 'zod';
import type { RemoteUse } from '../../shared/sync/sync-protocol.js';
import type { Hub } from '../hub.js';
import type { StoredTerminal } from '../store/hub-store.js';

/** GET /v1/quota query. */
export const quotaQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * Uses of the caller's own service, when it has a quota (per the rules in force), recorded at
 * other terminals after the cursor, for quotas across venues: two cinemas together give 12
 * films a card-year, not 24. A terminal learns nothing of other services (least data), and
 * no refused use is ever sent. Copies carried over to a re-issued card are sent to every
 * terminal of the service, the caller's too.
 */
export async function quotaFeed(hub: Hub, terminal: StoredTerminal, query: z.output<typeof quotaQuerySchema>): Promise<{ hubTime: number; cursor: number; uses: RemoteUse[]; more: boolean }> {
  const { rules } = await hub.rules();
  const services = rules.services.filter((s) => s.quota !== undefined && s.id === terminal.service).map((s) => s.id);
  const page = await hub.store.uses.feed({ afterCursor: query.since, excludeTerminal: terminal.id, services, limit: query.limit });
  return {
    hubTime: hub.now(),
    cursor: page.cursor,
    uses: page.uses.map((u) => ({ id: u.id, iss: u.iss, sub: u.sub, service: u.service, beneficiary: u.beneficiary, at: u.atMs })),
    more: page.more,
  };
}
