import type { TokenIdRepo } from '../token-id-repo.js';
import { changes, first, type Sql } from './pg-unit-of-work.js';

/** Advisory-lock class of a terminal's token ids (beside pg-use-repo.ts's cursor and card locks). */
const TOKEN_ID_LOCK_CLASS = 0x4a494e4b + 3;

/**
 * Request-token ids on PostgreSQL (port of sqlite-token-id-repo.ts). A claim takes a
 * transaction-scoped lock on its terminal first, so hub processes claiming for one terminal at
 * once queue rather than retry, and the room check and the insert see the same rows.
 */
export function pgTokenIdRepo(sql: Sql): TokenIdRepo {
  return {
    claim: async (r) => {
      await sql.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [TOKEN_ID_LOCK_CLASS, r.terminalId]);
      await sql.query('DELETE FROM token_ids WHERE terminal_id = $1 AND keep_until < $2', [r.terminalId, r.nowSec]);
      if ((await first(sql, 'SELECT 1 FROM token_ids WHERE terminal_id = $1 AND jti = $2', [r.terminalId, r.jti])) !== undefined) return 'replayed';
      const n = await first<{ n: string }>(sql, 'SELECT count(*) AS n FROM token_ids WHERE terminal_id = $1', [r.terminalId]);
      if (Number(n?.n ?? 0) >= r.perTerminal) return 'full';
      // ON CONFLICT: a claim of the same id that committed after this unit's snapshot is a replay all the same.
      const inserted = await changes(sql, 'INSERT INTO token_ids(terminal_id, jti, keep_until) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [r.terminalId, r.jti, r.keepUntilSec]);
      return inserted === 1 ? 'fresh' : 'replayed';
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
