import type { Db } from './database.js';

/** The first place where the usage table (what quotas, `export` and `status` read) and the audit chain disagree. */
export interface UsageMismatch {
  /** The audit entry (or, for a row no entry accounts for, the entry the row names). */
  seq: number;
  problem: 'use-missing' | 'use-differs' | 'use-unaudited';
}

interface JoinedRow {
  seq: number;
  body: string;
  id: string | null;
  decision_id: string | null;
  iss: string | null;
  sub: string | null;
  tier: string | null;
  service: string | null;
  beneficiary: string | null;
  at_ms: number | null;
  real_ms: number | null;
  companions: string | null;
  ticket: string | null;
}

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
  return first;
}

/** SQLite's quick_check: undefined when the file's pages are sound, else its first complaint. */
export function quickCheck(db: Db): string | undefined {
  let firstLine: string | undefined;
  try {
    firstLine = (db.pragma('quick_check') as { quick_check: string }[])[0]?.quick_check;
  } catch (error) {
    // A page so damaged that the check itself cannot read it.
    return error instanceof Error ? error.message : String(error);
  }
  return firstLine === undefined || firstLine === 'ok' ? undefined : firstLine;
}
