import { readVoidBody } from '../../usage/void-body.js';
import type { CheckedEntry, NewFlag } from '../hub-store.js';
import type { HubDb } from './hub-database.js';

interface VoidTarget {
  id: string;
  terminal_id: string | null;
  audit_seq: number | null;
  carried_from: string | null;
  refused: string | null;
  iss: string;
  sub: string;
}

/**
 * Voided uses inside the ingest step (gate mode: a gate that never opened takes its use back
 * with a `void` entry, electron/core/use-void.ts). A void counts only from the terminal that
 * recorded the use, after it in that terminal's log, once: the use and its carried copies are
 * then marked `refused = 'VOIDED'` (one home for "does not count": quotas, OVER_QUOTA, the
 * two-site check, reports) and moved to a new cursor, so the quota feed tells the venues that
 * already hold it. Anything else is stored with its entry, flagged BAD_VOID, and changes
 * nothing. A void whose use is not stored yet waits (pending_voids, migration 0006).
 */
export function useVoids(db: HubDb) {
  const target = db.prepare<[string], VoidTarget>('SELECT id, terminal_id, audit_seq, carried_from, refused, iss, sub FROM uses WHERE id = ?');
  const copies = db.prepare<[string], { id: string }>("SELECT id FROM uses WHERE carried_from = ? AND (refused IS NULL OR refused != 'VOIDED') ORDER BY cursor");
  const mark = db.prepare<[string]>("UPDATE uses SET refused = 'VOIDED', cursor = (SELECT MAX(cursor) FROM uses) + 1 WHERE id = ?");
  const addPending = db.prepare<[string, number, string]>('INSERT OR IGNORE INTO pending_voids(terminal_id, audit_seq, use_id) VALUES (?, ?, ?)');
  const pendingOf = db.prepare<[string], { terminal_id: string; audit_seq: number }>('SELECT terminal_id, audit_seq FROM pending_voids WHERE use_id = ? ORDER BY audit_seq');
  const dropPending = db.prepare<[string, number]>('DELETE FROM pending_voids WHERE terminal_id = ? AND audit_seq = ?');
  const settled = db.prepare<[string, number], { audit_seq: number; use_id: string }>('SELECT audit_seq, use_id FROM pending_voids WHERE terminal_id = ? AND audit_seq <= ? ORDER BY audit_seq');

  const bad = (terminalId: string, seq: number, useId: string | null, detail: string, use?: { iss: string; sub: string }): NewFlag => ({
    kind: 'BAD_VOID',
    terminalId,
    auditSeq: seq,
    useId,
    iss: use?.iss ?? null,
    sub: use?.sub ?? null,
    detail: `seq ${seq}: ${detail}`,
  });

  /** Why a void (terminal, seq) cannot take back this use; undefined when it can. */
  const wrong = (terminalId: string, seq: number, use: VoidTarget): string | undefined => {
    if (use.carried_from !== null || use.terminal_id !== terminalId) return `void of use ${use.id}, which terminal ${terminalId} did not record`;
    if (use.audit_seq !== null && use.audit_seq >= seq) return `void of use ${use.id}, written before the use`;
    if (use.refused === 'VOIDED') return `void of use ${use.id}, already voided`;
    return undefined;
  };

  /** Marks a stored use and its carried copies voided (a use already refused stays as it is: it counts nowhere). Answers the ids marked. */
  const apply = (use: VoidTarget): string[] => {
    if (use.refused !== null) return [];
    const ids = [use.id, ...copies.all(use.id).map((c) => c.id)];
    for (const id of ids) mark.run(id);
    return ids;
  };

  return {
    /** A newly stored `void` entry of the terminal; answers the ids it voided. */
    take(terminalId: string, entry: CheckedEntry, flags: NewFlag[]): string[] {
      if (entry.kind !== 'void') return [];
      const useId = readVoidBody(entry.body);
      if (useId === undefined) {
        flags.push(bad(terminalId, entry.seq, null, 'unreadable void entry'));
        return [];
      }
      if (!entry.hashOk) {
        flags.push(bad(terminalId, entry.seq, useId, `void of use ${useId} not applied: the entry's hash does not match its content`));
        return [];
      }
      const use = target.get(useId);
      if (use === undefined) {
        addPending.run(terminalId, entry.seq, useId);
        return [];
      }
      const why = wrong(terminalId, entry.seq, use);
      if (why !== undefined) {
        flags.push(bad(terminalId, entry.seq, useId, why, use));
        return [];
      }
      return apply(use);
    },

    /** Voids waiting for a use about to be stored: true when one of them voids it (the others are flagged). */
    arriving(terminalId: string, use: { id: string; iss: string; sub: string }, auditSeq: number, flags: NewFlag[]): boolean {
      let voided = false;
      for (const p of pendingOf.all(use.id)) {
        dropPending.run(p.terminal_id, p.audit_seq);
        const row: VoidTarget = { id: use.id, terminal_id: terminalId, audit_seq: auditSeq, carried_from: null, refused: voided ? 'VOIDED' : null, iss: use.iss, sub: use.sub };
        const why = wrong(p.terminal_id, p.audit_seq, row);
        if (why === undefined) voided = true;
        else flags.push(bad(p.terminal_id, p.audit_seq, use.id, why, use));
      }
      return voided;
    },

    /** Voids of the terminal at or below its complete chain whose use never came: flagged and dropped. */
    settle(terminalId: string, cursor: number, flags: NewFlag[]): void {
      for (const p of settled.all(terminalId, cursor)) {
        dropPending.run(terminalId, p.audit_seq);
        flags.push(bad(terminalId, p.audit_seq, p.use_id, `void of use ${p.use_id}, which is not stored`));
      }
    },
  };
}
