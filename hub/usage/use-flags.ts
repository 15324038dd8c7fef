import { formatShanghai } from '../../shared/time/shanghai-calendar.js';
import type { Hub } from '../hub.js';
import { z } from 'zod';
import type { AuditEntry } from '../../shared/sync/sync-protocol.js';
import type { NewFlag, StoredUse } from '../store/hub-store.js';
import { VALIDITY_TOLERANCE_MS } from './use-checks.js';

/** A card seen at two sites less than this apart is flagged (one card, one holder: Art. 33). */
export const TWO_SITES_WINDOW_MS = 30 * 60_000;
/** A terminal clock further than this from the hub's is flagged. */
export const CLOCK_FLAG_MS = 10 * 60_000;

/** The two-site flags of the uses that count, from one look-up for all of them. */
async function twoSites(hub: Hub, uses: readonly StoredUse[]): Promise<Map<StoredUse, NewFlag>> {
  const counting = uses.filter((u) => u.carriedFrom === null && u.refused === null);
  const others = await hub.store.uses.nearestElsewhereMany(counting.map((u) => ({ iss: u.iss, sub: u.sub, site: u.site, atMs: u.atMs, windowMs: TWO_SITES_WINDOW_MS, excludeId: u.id })));
  const flags = new Map<StoredUse, NewFlag>();
  counting.forEach((use, i) => {
    const other = others[i];
    if (other !== undefined) flags.set(use, twoSitesFlag(use, other));
  });
  return flags;
}

function twoSitesFlag(use: StoredUse, other: StoredUse): NewFlag {
  const minutes = Math.round(Math.abs(use.atMs - other.atMs) / 60_000);
  return {
    kind: 'TWO_SITES',
    terminalId: use.terminalId,
    iss: use.iss,
    sub: use.sub,
    useId: use.id,
    auditSeq: use.auditSeq,
    atMs: use.atMs,
    detail: `${use.sub} at ${use.site} (${formatShanghai(use.atMs)}) and at ${other.site} ${minutes} min apart`,
  };
}

/** A distance in time as a flag's detail says it. */
function distance(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return minutes >= 2 * 24 * 60 ? `${Math.round(minutes / (24 * 60))} days` : minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
}

/**
 * A use stamped far from when its terminal recorded it: `jinka verify --record --at` on a
 * terminal that let it through (an old or unenrolled one), e.g. films spread over two
 * card-years on one real day. Both instants are the terminal's, so this catches a counter
 * misusing `--at`, not a forged log (that is what CLOCK_OFF and the chain checks are for).
 */
function stampOff(use: StoredUse): NewFlag | undefined {
  const offsetMs = use.atMs - use.realMs;
  if (use.carriedFrom !== null || Math.abs(offsetMs) <= CLOCK_FLAG_MS) return undefined;
  return {
    kind: 'STAMP_OFF',
    terminalId: use.terminalId,
    iss: use.iss,
    sub: use.sub,
    useId: use.id,
    auditSeq: use.auditSeq,
    atMs: use.atMs,
    detail: `${use.sub} ${use.service} stamped ${distance(offsetMs)} ${offsetMs < 0 ? 'before' : 'after'} the terminal recorded it (seq ${use.auditSeq})`,
  };
}

/**
 * Flags the bureau should see for newly stored uses that count, beyond the refusals the ingest
 * step already flagged (hub/usage/use-checks.ts); the uses are kept whatever is found.
 */
export async function flagUses(hub: Hub, uses: readonly StoredUse[]): Promise<NewFlag[]> {
  const flags: NewFlag[] = [];
  const apart = await twoSites(hub, uses);
  for (const use of uses) {
    for (const flag of [stampOff(use), apart.get(use)]) if (flag !== undefined) flags.push(flag);
  }
  return flags;
}

const importBodySchema = z.object({ kind: z.literal('revocations'), iss: z.string(), seq: z.number().int() });

/**
 * A terminal clock far off (beyond CLOCK_FLAG_MS), from bounds that need no trust in the
 * terminal: no entry can have been written after the batch reached the hub (ahead), and no
 * import of one of our revocation sequences before the hub made it (behind). An online
 * batch's own iat is compared too. One flag per batch, the largest difference.
 */
export async function clockFlag(hub: Hub, terminalId: string, entries: readonly AuditEntry[], receivedMs: number, onlineIssuedMs: number | undefined): Promise<NewFlag | undefined> {
  let worst = 0;
  let why = '';
  const consider = (offsetMs: number, reason: string) => {
    if (Math.abs(offsetMs) > Math.abs(worst)) [worst, why] = [offsetMs, reason];
  };
  const newest = entries.reduce((max, e) => Math.max(max, e.at_ms), Number.MIN_SAFE_INTEGER);
  if (newest > receivedMs) consider(newest - receivedMs, `entry stamped after the batch reached the hub`);
  for (const entry of entries) {
    if (entry.kind !== 'import') continue;
    let body: unknown;
    try {
      body = JSON.parse(entry.body);
    } catch {
      continue;
    }
    const read = importBodySchema.safeParse(body);
    if (!read.success || read.data.iss !== hub.settings.iss) continue;
    const made = await hub.store.revocations.createdAt(read.data.iss, read.data.seq);
    if (made !== undefined && entry.at_ms < made) consider(entry.at_ms - made, `revocation list ${read.data.seq} imported before the hub made it`);
  }
  if (onlineIssuedMs !== undefined) consider(onlineIssuedMs - receivedMs, 'batch signed at terminal time');
  if (Math.abs(worst) <= CLOCK_FLAG_MS) return undefined;
  const minutes = Math.round(Math.abs(worst) / 60_000);
  return { kind: 'CLOCK_OFF', terminalId, atMs: receivedMs, detail: `terminal clock ${worst > 0 ? 'ahead of' : 'behind'} the hub by at least ${minutes} min (${why})` };
}

/** How far a terminal's clock may step back between two of its entries unflagged: the most clock tolerance a site may set (§6). */
export const CLOCK_BACK_MS = VALIDITY_TOLERANCE_MS;

const clockResetSchema = z.object({ event: z.literal('reset'), from: z.number(), to: z.number() });

/** The lowering a `clock` entry's supervisor reset made (ms), or undefined when it is no reset. */
function resetDrop(entry: AuditEntry): number | undefined {
  if (entry.kind !== 'clock') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(entry.body);
  } catch {
    return undefined;
  }
  const read = clockResetSchema.safeParse(body);
  return read.success ? read.data.from - read.data.to : undefined;
}

/**
 * A terminal clock set back between entries, from the terminal's own sequence: each entry is
 * stamped with its terminal's real clock (at_ms), so one stamped more than CLOCK_BACK_MS before
 * the entry just before it (seq − 1, from the batch or the one the hub holds) was written after
 * the clock went back: uses recorded then are back-dated (CLOCK_BACK, once per step back). A
 * supervisor's reset that lowered the clock guard further is flagged itself (CLOCK_RESET_BACK):
 * the terminal refuses one while its hub says the clock is wrong, so the bureau sees the rest.
 * Only entries beyond the cursor held before this batch are judged, so a repeat raises nothing;
 * at most one indexed look-up per entry.
 */
export async function clockBackFlags(hub: Hub, terminalId: string, entries: readonly AuditEntry[], heldCursor: number): Promise<NewFlag[]> {
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const flags: NewFlag[] = [];
  for (const entry of [...bySeq.values()].filter((e) => e.seq > heldCursor).sort((a, b) => a.seq - b.seq)) {
    const drop = resetDrop(entry);
    if (drop !== undefined && drop > CLOCK_BACK_MS) {
      flags.push({ kind: 'CLOCK_RESET_BACK', terminalId, auditSeq: entry.seq, atMs: entry.at_ms, detail: `seq ${entry.seq}: a supervisor reset lowered the clock guard by ${distance(drop)} (its reason is in the entry)` });
      continue;
    }
    if (entry.seq <= 1) continue;
    const before = bySeq.get(entry.seq - 1) ?? (await hub.store.audit.entries(terminalId, entry.seq - 1, 1)).find((e) => e.seq === entry.seq - 1);
    if (before === undefined || entry.at_ms >= before.at_ms - CLOCK_BACK_MS) continue;
    flags.push({
      kind: 'CLOCK_BACK',
      terminalId,
      auditSeq: entry.seq,
      atMs: entry.at_ms,
      detail: `seq ${entry.seq} stamped ${distance(before.at_ms - entry.at_ms)} before seq ${before.seq}: the terminal clock was set back (${formatShanghai(before.at_ms)} → ${formatShanghai(entry.at_ms)})`,
    });
  }
  return flags;
}
