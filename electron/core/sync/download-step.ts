import { err, ok, type Result } from '../../../shared/result.js';
import type { ImportError } from '../bundles/import-errors.js';
import type { HubError, HeldVersions } from './hub-client.js';
import type { AckError } from './audit-ack-import.js';
import { importItems, type ItemOutcome } from './import-items.js';
import { storesOf } from '../terminal.js';
import type { SyncSession } from './sync-session.js';

/** What a download pass did. */
export interface DownloadSummary {
  imported: ItemOutcome[];
  /** Bundles refused (tampered, replayed, out of order): each changed nothing. */
  refused: (ImportError | AckError)[];
  remoteUses: number;
  quotaCursor: number;
}

/** What this terminal holds, as GET /v1/bundles asks it: every trusted issuer's revocation seq (0 when none), and the entries it has yet to upload. */
export function heldVersions(session: SyncSession): HeldVersions {
  const stores = storesOf(session.terminal);
  return {
    revocations: stores.trust.issuers().map((i) => ({ iss: i.iss, seq: stores.revocations.list(i.iss)?.seq ?? 0 })),
    rules: session.terminal.rules().version,
    trust: stores.bundles.get('jinka/trust')?.version ?? 0,
    pendingUploads: stores.auditQueue.pending(stores.sync.uploadCursor()).entries,
  };
}

/** Most pages of remote uses fetched in one round; the rest come next round. */
const MAX_QUOTA_PAGES = 200;

/**
 * Downloads what changed at the hub: signed bundles, each verified and applied in order
 * with the same import as `jinka import` (§5: a refusal keeps the old state), then the
 * uses other terminals recorded (GET /v1/quota), for quotas across venues.
 */
export async function downloadChanges(session: SyncSession): Promise<Result<DownloadSummary, HubError>> {
  const { terminal } = session;
  const stores = storesOf(terminal);
  const bundles = await session.client.bundles(heldVersions(session));
  if (!bundles.ok) return err(bundles.error);
  session.observe(bundles.value);
  const summary: DownloadSummary = { imported: [], refused: [], remoteUses: 0, quotaCursor: stores.sync.quotaCursor() };
  for (const item of importItems(terminal, bundles.value.value.bundles)) {
    if (item.result.ok) summary.imported.push(item.result.value);
    else summary.refused.push(item.result.error);
  }
  for (let page = 0; page < MAX_QUOTA_PAGES; page += 1) {
    const reply = await session.client.quota(summary.quotaCursor);
    if (!reply.ok) return err(reply.error);
    session.observe(reply.value);
    const { uses, cursor, more } = reply.value.value;
    summary.remoteUses += stores.transaction(() => {
      const added = stores.remoteUses.add(uses, terminal.now());
      stores.sync.setQuotaCursor(cursor);
      return added;
    });
    const advanced = cursor !== summary.quotaCursor;
    summary.quotaCursor = cursor;
    if (!more || !advanced) break;
  }
  return ok(summary);
}
