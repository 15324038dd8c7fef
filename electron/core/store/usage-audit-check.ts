import type { Db } from './database.js';
import type { UsageRow } from './usage-store.js';

/** The first place where the usage table (what quotas, `export` and `status` read) and the audit chain disagree. */
export interface UsageMismatch {
  /** The audit entry (or, for a row no entry accounts for, the entry the row names). */
  seq: number;
  problem: 'use-missing' | 'use-differs' | 'use-unaudited' | 'use-void-missing' | 'use-void-differs' | 'use-void-unaudited';
}

/** The use columns the check compares: a usage row's own, without its seq and the entry it names. */
type UseColumns = Omit<UsageRow, 'seq' | 'audit_seq'>;

/** A `use` audit entry with the usage row that names it: every column null when no row does. */
type JoinedRow = { seq: number; body: string } & { [K in keyof UseColumns]: UseColumns[K] | null };

/** The fields of a use that quotas and reports read, as the audit entry has them and as the row has them. */
function sameUse(row: JoinedRow): boolean {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    return false;
  }
  let companions: unknown;
  try {
    companions = JSON.parse(row.companions ?? 'null');
  } catch {
    return false;
  }
  return (
    body.id === row.id &&
    body.decisionId === row.decision_id &&
    body.iss === row.iss &&
    body.sub === row.sub &&
    body.tier === row.tier &&
    body.service === row.service &&
    body.beneficiary === row.beneficiary &&
    body.atMs === row.at_ms &&
    body.realMs === row.real_ms &&
    (body.ticket ?? null) === row.ticket &&
    JSON.stringify(body.companions) === JSON.stringify(companions)
  );
}

/**
 * Cross-checks the usage table against the `use` entries of the audit chain: every entry has
 * exactly its row, with the same card, service, beneficiary, times, companions and ticket, and
 * every row has its entry. Deleting a usage row (a quota filled again) or editing one is
 * caught here even though the chain itself is intact. Returns the first difference by seq.
 */
export function checkUsageAgainstAudit(db: Db): UsageMismatch | undefined {
  let first: UsageMismatch | undefined;
  const note = (m: UsageMismatch) => {
    if (first === undefined || m.seq < first.seq) first = m;
  };
  let previous = 0;
  const joined = db.prepare<[], JoinedRow>(
    `SELECT a.seq, a.body, u.id, u.decision_id, u.iss, u.sub, u.tier, u.service, u.beneficiary, u.at_ms, u.real_ms, u.companions, u.ticket
       FROM audit_log a LEFT JOIN usage u ON u.audit_seq = a.seq
      WHERE a.kind = 'use' ORDER BY a.seq`,
  );
  for (const row of joined.iterate()) {
    if (row.seq === previous) note({ seq: row.seq, problem: 'use-unaudited' });
    else if (row.id === null) note({ seq: row.seq, problem: 'use-missing' });
    else if (!sameUse(row)) note({ seq: row.seq, problem: 'use-differs' });
    previous = row.seq;
    if (first !== undefined) break;
  }
  const orphan = db
    .prepare<[], { audit_seq: number }>(
      `SELECT u.audit_seq FROM usage u
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = u.audit_seq AND a.kind = 'use')
        ORDER BY u.audit_seq LIMIT 1`,
    )
    .get();
  if (orphan !== undefined) note({ seq: orphan.audit_seq, problem: 'use-unaudited' });
  const voidMismatch = checkVoidsAgainstAudit(db);
  if (voidMismatch !== undefined) note(voidMismatch);
  return first;
}

interface JoinedVoid {
  seq: number;
  entry_ms: number;
  body: string;
  use_id: string | null;
  at_ms: number | null;
  reason: string | null;
  use_before: number;
}

/**
 * Cross-checks `voided_uses` (a row there takes a use out of every quota) against the `void`
 * entries of the chain, both ways: each entry has exactly its row (same use, time and
 * reason) naming a use recorded before it, and each row has its entry. A row inserted by
 * hand gives a holder a quota back without any audited void; it is reported at the seq it names.
 */
function checkVoidsAgainstAudit(db: Db): UsageMismatch | undefined {
  const shared = db
    .prepare<[], { audit_seq: number }>('SELECT audit_seq FROM voided_uses GROUP BY audit_seq HAVING count(*) > 1 ORDER BY audit_seq LIMIT 1')
    .get();
  const orphan = db
    .prepare<[], { audit_seq: number }>(
      `SELECT v.audit_seq FROM voided_uses v
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = v.audit_seq AND a.kind = 'void')
        ORDER BY v.audit_seq LIMIT 1`,
    )
    .get();
  let first: UsageMismatch | undefined;
  for (const found of [shared, orphan]) {
    if (found !== undefined && (first === undefined || found.audit_seq < first.seq)) first = { seq: found.audit_seq, problem: 'use-void-unaudited' };
  }
  const joined = db.prepare<[], JoinedVoid>(
    `SELECT a.seq, a.at_ms AS entry_ms, a.body, v.use_id, v.at_ms, v.reason,
            EXISTS (SELECT 1 FROM usage u WHERE u.id = v.use_id AND u.audit_seq < a.seq) AS use_before
       FROM audit_log a LEFT JOIN voided_uses v ON v.audit_seq = a.seq
      WHERE a.kind = 'void' ORDER BY a.seq`,
  );
  for (const row of joined.iterate()) {
    if (first !== undefined && row.seq >= first.seq) break;
    if (row.use_id === null) return { seq: row.seq, problem: 'use-void-missing' };
    if (!sameVoid(row)) return { seq: row.seq, problem: 'use-void-differs' };
  }
  return first;
}

function sameVoid(row: JoinedVoid): boolean {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(row.body) as Record<string, unknown>;
  } catch {
    return false;
  }
  return body.use === row.use_id && body.reason === row.reason && row.at_ms === row.entry_ms && row.use_before === 1;
}
