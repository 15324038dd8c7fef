import type { TokenIdRepo } from '../token-id-repo.js';
import { changes, first, type Sql } from './pg-unit-of-work.js';

/** Advisory-lock class of a terminal's token ids (beside pg-use-repo.ts's cursor and card locks). */
const TOKEN_ID_LOCK_CLASS = 0x4a494e4b + 3;

/**
 * Request-token ids on PostgreSQL (port of sqlite-token-id-repo.ts). A claim is one statement,
 * `jinka_claim_token_id` (migration 9): it takes a transaction-scoped lock on its terminal
 * first, so hub processes claiming for one terminal at once queue rather than retry, and the
 * sweep, the replay and room checks and the insert then read after the lock (each statement of
 * the function sees what earlier holders committed). Called on the pool (pg-hub-store.ts) it is
 * its own transaction: one round trip and one commit per authenticated request.
 */
export function pgTokenIdRepo(sql: Sql): TokenIdRepo {
  return {
    claim: async (r) => {
      const row = await first<{ claim: string }>(sql, 'SELECT jinka_claim_token_id($1, $2, $3, $4, $5, $6) AS claim', [TOKEN_ID_LOCK_CLASS, r.terminalId, r.jti, r.keepUntilSec, r.nowSec, r.perTerminal]);
      const claim = row?.claim;
      if (claim !== 'fresh' && claim !== 'replayed' && claim !== 'full') throw new Error(`hub database: a token id claim answered ${String(claim)}`);
      return claim;
    },
    prune: (nowSec) => changes(sql, 'DELETE FROM token_ids WHERE keep_until < $1', [nowSec]),
    count: async (terminalId) => {
      const row =
        terminalId === undefined
          ? await first<{ n: string }>(sql, 'SELECT count(*) AS n FROM token_ids')
          : await first<{ n: string }>(sql, 'SELECT count(*) AS n FROM token_ids WHERE terminal_id = $1', [terminalId]);
      return Number(row?.n ?? 0);
    },
  };
}
