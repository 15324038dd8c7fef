import type { TokenIdClaim, TokenIdRepo, TokenIdRequest } from '../token-id-repo.js';
import { settle, type HubDb } from './hub-database.js';

/** Request-token ids on SQLite (token_ids, migration 0010): one claim is one immediate transaction (a savepoint inside a unit). */
export function sqliteTokenIdRepo(db: HubDb): TokenIdRepo {
  const dropExpired = db.prepare<[string, number]>('DELETE FROM token_ids WHERE terminal_id = ? AND keep_until < ?');
  const held = db.prepare<[string, string], { keep_until: number }>('SELECT keep_until FROM token_ids WHERE terminal_id = ? AND jti = ?');
  const countOf = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM token_ids WHERE terminal_id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM token_ids');
  const insert = db.prepare<[string, string, number]>('INSERT INTO token_ids(terminal_id, jti, keep_until) VALUES (?, ?, ?)');
  const prune = db.prepare<[number]>('DELETE FROM token_ids WHERE keep_until < ?');
  const claimTx = db.transaction((r: TokenIdRequest): TokenIdClaim => {
    dropExpired.run(r.terminalId, r.nowSec);
    if (held.get(r.terminalId, r.jti) !== undefined) return 'replayed';
    if ((countOf.get(r.terminalId)?.n ?? 0) >= r.perTerminal) return 'full';
    insert.run(r.terminalId, r.jti, r.keepUntilSec);
    return 'fresh';
  });
  return {
    claim: (r) => settle(() => claimTx.immediate(r)),
    prune: (nowSec) => settle(() => prune.run(nowSec).changes),
    count: (terminalId) => settle(() => (terminalId === undefined ? countAll.get() : countOf.get(terminalId))?.n ?? 0),
  };
}
