import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { Db } from './database.js';
import type { MetaStore } from './meta-store.js';
import { integrityCheck } from '../../../node/sqlite/integrity-check.js';
import { checkUsageAgainstAudit } from './usage-audit-check.js';

/** Kinds of audited events. */
export type AuditKind = 'decision' | 'use' | 'import' | 'settings' | 'session' | 'clock' | 'void' | 'gate';

/**
 * Outcome of checking the chain. `problem`: `missing`, `prev_hash`, `hash` (the chain);
 * `use-missing`, `use-differs`, `use-unaudited` (the usage table quotas read disagrees with
 * the `use` entries, at `brokenAt`); `damaged` (SQLite's integrity_check, its first complaints in `detail`).
 */
export type AuditCheck =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: number; problem: string; detail?: string };

/** Append-only, hash-chained log of decisions, uses and imports. */
export class AuditLog {
  private readonly insertStmt;

  constructor(private readonly db: Db, private readonly meta: MetaStore) {
    this.insertStmt = db.prepare<[number, number, string, string, string, string]>(
      'INSERT INTO audit_log(seq, at_ms, kind, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  private head(): { seq: number; hash: string } {
    const head = this.meta.get('audit_head');
    if (head === undefined) return { seq: 0, hash: GENESIS_HASH };
    const [seq, hash] = head.split(':');
    return { seq: Number(seq), hash: hash ?? GENESIS_HASH };
  }

  /** Appends an entry; call inside the transaction that makes the change it records. */
  append(kind: AuditKind, atMs: number, body: unknown): { seq: number; hash: string } {
    const prev = this.head();
    const seq = prev.seq + 1;
    const text = JSON.stringify(body);
    const hash = auditHash(prev.hash, seq, atMs, kind, text);
    this.insertStmt.run(seq, atMs, kind, text, prev.hash, hash);
    // The head is kept apart from the rows, so deleting the newest rows is caught too.
    this.meta.set('audit_head', `${seq}:${hash}`);
    return { seq, hash };
  }

  /**
   * Checks what the terminal reads, not only the chain: SQLite's integrity_check (every page and index),
   * then the chain from the start, then the usage table against the chain's `use` entries.
   * Reports the first problem.
   */
  verify(): AuditCheck {
    const damage = integrityCheck(this.db);
    if (damage !== undefined) return { ok: false, entries: 0, brokenAt: 0, problem: 'damaged', detail: damage };
    const chain = this.verifyChain();
    if (!chain.ok) return chain;
    const mismatch = checkUsageAgainstAudit(this.db);
    if (mismatch === undefined) return chain;
    return { ok: false, entries: mismatch.seq - 1, brokenAt: mismatch.seq, problem: mismatch.problem };
  }

  /** Walks the chain from the start and reports the first broken link. */
  private verifyChain(): AuditCheck {
    let prevHash = GENESIS_HASH;
    let expected = 1;
    for (const row of this.db.prepare<[], AuditEntry>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      if (row.seq !== expected) return { ok: false, entries: expected - 1, brokenAt: expected, problem: 'missing' };
      if (row.prev_hash !== prevHash) return { ok: false, entries: expected - 1, brokenAt: row.seq, problem: 'prev_hash' };
      if (auditHash(row.prev_hash, row.seq, row.at_ms, row.kind, row.body) !== row.hash) {
        return { ok: false, entries: expected - 1, brokenAt: row.seq, problem: 'hash' };
      }
      prevHash = row.hash;
      expected += 1;
    }
    const head = this.head();
    if (head.seq !== expected - 1 || head.hash !== prevHash) {
      return { ok: false, entries: expected - 1, brokenAt: expected, problem: 'missing' };
    }
    return { ok: true, entries: expected - 1, headHash: prevHash };
  }
}
