import type { CheckedEntry, HubRepos, NewFlag, PendingVoid, StoredUse } from '../store/hub-store.js';
import { lockCardChains } from '../issue/successors.js';
import { readVoidBody } from './void-body.js';

/** What a void checks of the use it takes back. */
type VoidTarget = Pick<StoredUse, 'id' | 'terminalId' | 'auditSeq' | 'carriedFrom' | 'refused' | 'iss' | 'sub'>;

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
function wrong(terminalId: string, seq: number, use: VoidTarget): string | undefined {
  if (use.carriedFrom !== null || use.terminalId !== terminalId) return `void of use ${use.id}, which terminal ${terminalId} did not record`;
  if (use.auditSeq !== null && use.auditSeq >= seq) return `void of use ${use.id}, written before the use`;
  if (use.refused === 'VOIDED') return `void of use ${use.id}, already voided`;
  return undefined;
}

/**
 * Voided uses inside the ingest step (gate mode: a gate that never opened takes its use back
 * with a `void` entry, electron/core/use-void.ts). A void counts only from the terminal that
 * recorded the use, after it in that terminal's log, once: the use and its carried copies are
 * then marked `refused = 'VOIDED'` (one home for "does not count": quotas, OVER_QUOTA, the
 * two-site check, reports) and moved to a new cursor, so the quota feed tells the venues that
 * already hold it. Anything else is stored with its entry, flagged BAD_VOID, and changes
 * nothing. A void whose use is not stored yet waits (`tx.pendingVoids`).
 */
export function useVoids(tx: HubRepos, flags: NewFlag[]) {
  /** Marks a stored use and its carried copies voided (a use already refused stays as it is: it counts nowhere). Answers the ids marked. */
  const apply = async (use: VoidTarget): Promise<string[]> => {
    if (use.refused !== null) return [];
    // The card's lock and its successors' (a re-issue carrying the use holds them), before the copies are read.
    await lockCardChains(tx, [{ iss: use.iss, sub: use.sub }]);
    const copies = (await tx.uses.copiesOf(use.id)).filter((c) => c.refused !== 'VOIDED');
    const ids = [use.id, ...copies.map((c) => c.id)];
    for (const id of ids) await tx.uses.markVoided(id);
    return ids;
  };

  return {
    /** A newly stored `void` entry of the terminal; answers the ids it voided. */
    async take(terminalId: string, entry: CheckedEntry): Promise<string[]> {
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
      const use = await tx.uses.get(useId);
      if (use === undefined) {
        await tx.pendingVoids.add({ terminalId, auditSeq: entry.seq, useId });
        return [];
      }
      const why = wrong(terminalId, entry.seq, use);
      if (why !== undefined) {
        flags.push(bad(terminalId, entry.seq, useId, why, use));
        return [];
      }
      return apply(use);
    },

    /**
     * Voids waiting for a use about to be stored: true when one of them voids it (the others are
     * flagged). `waiting`: those voids as the caller read them for a batch (pendingVoids.forUses).
     */
    async arriving(terminalId: string, use: { id: string; iss: string; sub: string }, auditSeq: number, waiting?: readonly PendingVoid[]): Promise<boolean> {
      let voided = false;
      for (const p of waiting ?? (await tx.pendingVoids.forUse(use.id))) {
        await tx.pendingVoids.remove(p.terminalId, p.auditSeq);
        const row: VoidTarget = { id: use.id, terminalId, auditSeq, carriedFrom: null, refused: voided ? 'VOIDED' : null, iss: use.iss, sub: use.sub };
        const why = wrong(p.terminalId, p.auditSeq, row);
        if (why === undefined) voided = true;
        else flags.push(bad(p.terminalId, p.auditSeq, use.id, why, use));
      }
      return voided;
    },

    /** Voids of the terminal at or below its complete chain whose use never came: flagged and dropped. */
    async settle(terminalId: string, cursor: number): Promise<void> {
      for (const p of await tx.pendingVoids.upTo(terminalId, cursor)) {
        await tx.pendingVoids.remove(terminalId, p.auditSeq);
        flags.push(bad(terminalId, p.auditSeq, p.useId, `void of use ${p.useId}, which is not stored`));
      }
    },
  };
}
