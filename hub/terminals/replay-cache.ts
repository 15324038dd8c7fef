/** What claiming a request-token id answered. */
export type ClaimOutcome = 'fresh' | 'replayed' | 'full';

/**
 * Request-token ids (`jti`) seen per terminal, each kept until its token can no longer be
 * accepted (its `exp` plus the clock allowance), so a token is good once. Memory is bounded:
 * at most `perTerminal` ids a terminal, expired ids dropped first; a terminal with no room
 * left is refused (never forgotten early: forgetting would let a replay through). Only a
 * token whose signature verified is claimed, so only a terminal's own key can fill its room.
 */
export class ReplayCache {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(readonly perTerminal = 2_000) {}

  /** Records `jti` of `terminal` until `keepUntilSec` unless it was seen already or there is no room. */
  claim(terminal: string, jti: string, keepUntilSec: number, nowSec: number): ClaimOutcome {
    let ids = this.seen.get(terminal);
    if (ids === undefined) {
      ids = new Map();
      this.seen.set(terminal, ids);
    }
    const held = ids.get(jti);
    if (held !== undefined && held >= nowSec) return 'replayed';
    ids.delete(jti);
    // Ids arrive nearly in expiry order: drop expired ones from the front, all of them when full.
    for (const [id, until] of ids) {
      if (until >= nowSec) break;
      ids.delete(id);
    }
    if (ids.size >= this.perTerminal) {
      for (const [id, until] of ids) if (until < nowSec) ids.delete(id);
      if (ids.size >= this.perTerminal) return 'full';
    }
    ids.set(jti, keepUntilSec);
    return 'fresh';
  }

  /** Ids held now (for tests and the bench). */
  size(): number {
    let n = 0;
    for (const ids of this.seen.values()) n += ids.size;
    return n;
  }
}
