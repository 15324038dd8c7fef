import type { CardFilter, CardRefusal, CardRepo, RevokeRequest, StoredCard } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';
import { noteSeq } from './sqlite-bundle-repo.js';
import { cardFromRow, type CardRow } from '../store-rows.js';

type Refused = { ok: false; refusal: CardRefusal; sub: string };

/** The WHERE clause of the console's card filters (both adapters; `param(i)` names the i-th value: `?` or `$i`). */
export function cardFilterSql(filter: CardFilter, param: (i: number) => string): { where: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  const p = (value: unknown): string => {
    values.push(value);
    return param(values.length);
  };
  if (filter.tier !== undefined) parts.push(`tier = ${p(filter.tier)}`);
  if (filter.issuedFromMs !== undefined) parts.push(`issued_ms >= ${p(filter.issuedFromMs)}`);
  if (filter.issuedToMs !== undefined) parts.push(`issued_ms < ${p(filter.issuedToMs)}`);
  switch (filter.status) {
    case 'revoked':
      parts.push('revoked_ms IS NOT NULL');
      break;
    case 'pending':
      parts.push(`revoked_ms IS NULL AND nbf > ${p(filter.nowSec)}`);
      break;
    case 'expired':
      parts.push(`revoked_ms IS NULL AND exp <= ${p(filter.nowSec)}`);
      break;
    case 'valid':
      parts.push(`revoked_ms IS NULL AND nbf <= ${p(filter.nowSec)} AND exp > ${p(filter.nowSec)}`);
      break;
    case undefined:
      break;
  }
  return { where: parts.length === 0 ? '' : ` WHERE ${parts.join(' AND ')}`, values };
}

/** Cards and revocations on SQLite; a revocation and its sequence bump share one transaction (re-issue: hub/issue/card-reissue.ts). */
export function sqliteCardRepo(db: HubDb): CardRepo {
  const insertCard = db.prepare(
    `INSERT INTO cards(sub, serial, iss, kid, tier, cat, masked_name, idt, id_hmac, iat, nbf, exp, token, issued_ms, replaces)
     VALUES (@sub, @serial, @iss, @kid, @tier, @cat, @maskedName, @idt, @idHmac, @iat, @nbf, @exp, @token, @issuedMs, @replaces)`,
  );
  const keyExp = db.prepare<[number, string]>('UPDATE signing_keys SET last_card_exp = MAX(last_card_exp, ?) WHERE kid = ?');
  const getCard = db.prepare<[string], CardRow>('SELECT * FROM cards WHERE sub = ?');
  const holder = db.prepare<[string, number], CardRow>(
    'SELECT * FROM cards WHERE id_hmac = ? AND revoked_ms IS NULL AND exp > ? ORDER BY serial DESC LIMIT 1',
  );
  const bumpSeq = db.prepare<[number, string], { seq: number }>('UPDATE revocation_heads SET seq = seq + 1, bumped_ms = ? WHERE iss = ? RETURNING seq');
  const insertRevocation = db.prepare<[string, string, number, number, string]>('INSERT INTO revocations(iss, sub, seq, at, reason) VALUES (?, ?, ?, ?, ?)');
  const markRevoked = db.prepare<[number, string, string]>('UPDATE cards SET revoked_ms = ?, revoke_reason = ? WHERE sub = ?');
  const link = db.prepare<[string, string]>('UPDATE cards SET replaced_by = ? WHERE sub = ?');

  const revokeAll = (requests: RevokeRequest[]): { ok: true; seq: number } | Refused => {
    if (requests.length === 0) throw new Error('nothing to revoke');
    const nowMs = requests.reduce((max, r) => Math.max(max, r.atMs), Number.MIN_SAFE_INTEGER);
    const byIssuer = new Set(requests.map((r) => r.iss));
    if (byIssuer.size !== 1) throw new Error('one revocation step covers one issuer');
    const [iss] = [...byIssuer] as [string];
    for (const r of requests) {
      const card = getCard.get(r.sub);
      if (card === undefined || card.iss !== r.iss) return { ok: false, refusal: 'UNKNOWN_CARD', sub: r.sub };
      if (card.revoked_ms !== null) return { ok: false, refusal: 'ALREADY_REVOKED', sub: r.sub };
    }
    const bumped = bumpSeq.get(nowMs, iss);
    if (bumped === undefined) throw new Error(`no revocation list for ${iss}`);
    noteSeq(db, iss, bumped.seq, nowMs);
    for (const r of requests) {
      insertRevocation.run(r.iss, r.sub, bumped.seq, Math.floor(r.atMs / 1000), r.reason);
      markRevoked.run(r.atMs, r.reason, r.sub);
    }
    return { ok: true, seq: bumped.seq };
  };

  // A failed check inside a transaction must roll back what it already wrote.
  class Refusal extends Error {
    constructor(readonly result: Refused) {
      super(result.refusal);
    }
  }
  const revokeTx = db.transaction((requests: RevokeRequest[]) => {
    const result = revokeAll(requests);
    if (!result.ok) throw new Refusal(result);
    return result;
  });
  const insertTx = db.transaction((cards: StoredCard[]) => {
    for (const card of cards) {
      insertCard.run({ ...card, replaces: card.replaces });
      keyExp.run(card.exp, card.kid);
    }
  });
  const refusedOr = <T>(work: () => T): T | Refused => {
    try {
      return work();
    } catch (error) {
      if (error instanceof Refusal) return error.result;
      throw error;
    }
  };

  return {
    allocateSerials: (count) =>
      settle(() =>
        db.transaction(() => {
          const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'card_serial'").get();
          const first = Number(row?.value ?? '0') + 1;
          db.prepare<[string]>("INSERT INTO meta(key, value) VALUES ('card_serial', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
            String(first + count - 1),
          );
          return first;
        }).immediate(),
      ),
    insert: (cards) => settle(() => insertTx.immediate(cards)),
    get: (sub) => settle(() => {
      const row = getCard.get(sub);
      return row && cardFromRow(row);
    }),
    getMany: (subs) => settle(() => [...new Set(subs)].flatMap((sub) => {
      const row = getCard.get(sub);
      return row === undefined ? [] : [cardFromRow(row)];
    })),
    // One unit at a time on the one connection: a unit holds every holder.
    lockHolders: () => Promise.resolve(),
    currentForHolder: (idHmac, nowSec) => settle(() => {
      const row = holder.get(idHmac, nowSec);
      return row && cardFromRow(row);
    }),
    list: ({ limit, offset = 0 }) =>
      settle(() => db.prepare<[number, number], CardRow>('SELECT * FROM cards ORDER BY serial LIMIT ? OFFSET ?').all(limit, offset).map(cardFromRow)),
    count: () => settle(() => (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cards').get()?.n ?? 0)),
    search: (filter) =>
      settle(() => {
        const { where, values } = cardFilterSql(filter, () => '?');
        const total = db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM cards${where}`).get(...values)?.n ?? 0;
        const cards = db.prepare<unknown[], CardRow>(`SELECT * FROM cards${where} ORDER BY serial DESC LIMIT ? OFFSET ?`).all(...values, filter.limit, filter.offset).map(cardFromRow);
        return { cards, total };
      }),
    revoke: (requests) => settle(() => refusedOr(() => revokeTx.immediate(requests))),
    link: (sub, successorSub) => settle(() => void link.run(successorSub, sub)),
  };
}
