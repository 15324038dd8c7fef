import { randomUUID } from 'node:crypto';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { AuditEntry } from '../../../shared/sync/sync-protocol.js';
import type { UseEntryBody } from '../../../shared/sync/use-entry-body.js';

/**
 * A terminal's log as a dishonest terminal writes it: a correct hash chain (so nothing but
 * the hub's own checks can catch it) around whatever uses it claims.
 */
export class ForgedLog {
  private entries: AuditEntry[] = [];
  private sent = 0;

  /** `nowMs`: the terminal's clock when it wrote the entries (a use itself may be stamped at any time). */
  constructor(private readonly nowMs: number) {}

  use(fields: Partial<UseEntryBody> & Pick<UseEntryBody, 'sub' | 'atMs'>): this {
    const body: UseEntryBody = { id: randomUUID(), decisionId: randomUUID(), iss: 'lc-hrss', tier: 'A', service: 'cinema', beneficiary: '', realMs: fields.atMs, companions: {}, ticket: null, ...fields };
    return this.entry('use', JSON.stringify(body));
  }

  /** A `void` entry (electron/core/use-void.ts) taking back the use `useId`. */
  void(useId: string, reason = 'gate did not open'): this {
    return this.entry('void', JSON.stringify({ use: useId, reason }));
  }

  private entry(kind: string, text: string): this {
    const seq = this.entries.length + 1;
    const prev = this.entries[this.entries.length - 1]?.hash ?? GENESIS_HASH;
    this.entries.push({ seq, at_ms: this.nowMs, kind, body: text, prev_hash: prev, hash: auditHash(prev, seq, this.nowMs, kind, text) });
    return this;
  }

  /** The entries not yet taken. */
  take(): AuditEntry[] {
    const out = this.entries.slice(this.sent);
    this.sent = this.entries.length;
    return out;
  }
}
