import type { TokenIdClaim, TokenIdRepo } from '../store/token-id-repo.js';

/** What claiming a request-token id answered. */
export type ClaimOutcome = TokenIdClaim;

/** How often (hub seconds) a process sweeps every terminal's expired ids from the store. */
const PRUNE_EVERY_SECONDS = 60;

/**
 * Request-token ids (`jti`) seen per terminal, each kept until its token can no longer be
 * accepted (its `exp` plus the clock allowance), so a token is good once. The ids live in the
 * store (`tokenIds`, hub/store/token-id-repo.ts), so every hub process on one database refuses
 * a token another process took, and a restart forgets none. Room is bounded: at most
 * `perTerminal` ids a terminal, expired ids dropped first; a terminal with no room left is
 * refused (never forgotten early: forgetting would let a replay through). Only a token whose
 * signature verified is claimed, so only a terminal's own key can fill its room. Ids of
 * terminals that fell silent are swept at most once a minute.
 */
export class ReplayCache {
  private nextPruneSec = 0;

  constructor(
    private readonly ids: TokenIdRepo,
    readonly perTerminal = 2_000,
  ) {}

  /** Records `jti` of `terminal` until `keepUntilSec` unless it was seen already or there is no room. */
  async claim(terminal: string, jti: string, keepUntilSec: number, nowSec: number): Promise<ClaimOutcome> {
    if (nowSec >= this.nextPruneSec) {
      this.nextPruneSec = nowSec + PRUNE_EVERY_SECONDS;
      await this.ids.prune(nowSec);
    }
    return this.ids.claim({ terminalId: terminal, jti, keepUntilSec, nowSec, perTerminal: this.perTerminal });
  }

  /** Ids held now (for tests and the bench). */
  size(): Promise<number> {
    return this.ids.count();
  }
}
