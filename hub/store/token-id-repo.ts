/**
 * Request-token ids (`jti`) the hub has taken (README "Terminal authentication"): each kept
 * until its token can no longer be accepted, in the store, so every hub process on one
 * database refuses a token another already took, and a restart forgets none.
 */

/** What claiming an id answered: taken now, taken before (a replay), or no room left for the terminal. */
export type TokenIdClaim = 'fresh' | 'replayed' | 'full';

/** One claim: `jti` of `terminalId`, kept until `keepUntilSec`, judged at `nowSec`, at most `perTerminal` live ids a terminal. */
export interface TokenIdRequest {
  terminalId: string;
  jti: string;
  keepUntilSec: number;
  nowSec: number;
  perTerminal: number;
}

export interface TokenIdRepo {
  /**
   * Takes `jti` once. An id is held while `keepUntilSec >= nowSec`: a held id answers
   * `replayed`. The terminal's ids past their time are dropped first; if it still holds
   * `perTerminal` ids it answers `full` (never forgetting one early: that would let a replay
   * through). Concurrency: of claims of one id at once (any hub process) exactly one is
   * `fresh`, and claims at once never hold more than `perTerminal` ids of a terminal.
   */
  claim(request: TokenIdRequest): Promise<TokenIdClaim>;
  /** Drops every id whose time ended before `nowSec` (keepUntilSec < nowSec); answers how many. */
  prune(nowSec: number): Promise<number>;
  /** Ids held (for tests and the bench), of one terminal or all. */
  count(terminalId?: string): Promise<number>;
}
