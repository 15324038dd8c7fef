import type { CardRepo } from '../hub-store.js';
import { cardFilterSql } from '../sqlite/sqlite-card-repo.js';
import { noteSeq } from './pg-bundle-repo.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';
import { cardFromRow, type CardRow } from '../store-rows.js';

/**
 * Cards and revocations on PostgreSQL. Serials come from the `card_serial` counter row bumped
 * in the allocating unit (never handed out twice: a second process waits for the row, then
 * is rolled back and retried by the serializable unit); a revoke locks its issuer's head row
 * first and bumps it once, in the same unit as its entries.
 */
/** Advisory lock class of a holder's issue lock (pg-use-repo.ts holds +1..+2, pg-token-id-repo.ts +3). */
const HOLDER_LOCK_CLASS = 0x4a494e4b + 4;

export function pgCardRepo(sql: Sql): CardRepo {
  const getRow = (sub: string) => first<CardRow>(sql, 'SELECT * FROM cards WHERE sub = $1', [sub]);
  return {
    allocateSerials: async (count) => {
      if (!Number.isSafeInteger(count) || count < 1) throw new Error(`cannot allocate ${count} serials`);
      const row = await first<{ value: number }>(sql, "UPDATE counters SET value = value + $1 WHERE name = 'card_serial' RETURNING value", [count]);
      if (row === undefined) throw new Error('hub database: the card serial counter is missing');
      return row.value - count + 1;
    },
    insert: async (cards) => {
      for (const c of cards) {
        await sql.query(
          `INSERT INTO cards(sub, serial, iss, kid, tier, cat, masked_name, idt, id_hmac, iat, nbf, exp, token, issued_ms, replaces)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [c.sub, c.serial, c.iss, c.kid, c.tier, c.cat, c.maskedName, c.idt, c.idHmac, c.iat, c.nbf, c.exp, c.token, c.issuedMs, c.replaces],
        );
        await sql.query('UPDATE signing_keys SET last_card_exp = GREATEST(last_card_exp, $1) WHERE kid = $2', [c.exp, c.kid]);
      }
    },
    get: async (sub) => {
      const row = await getRow(sub);
      return row && cardFromRow(row);
    },
    getMany: async (subs) => (subs.length === 0 ? [] : (await rows<CardRow>(sql, 'SELECT * FROM cards WHERE sub = ANY($1::text[])', [[...subs]])).map(cardFromRow)),
    // Transaction-scoped advisory locks, in one order (by key) for every unit.
    lockHolders: async (idHmacs) => {
      if (idHmacs.length === 0) return;
      await sql.query(
        'SELECT pg_advisory_xact_lock($1, k.h) FROM (SELECT DISTINCT hashtext(name) AS h FROM unnest($2::text[]) AS name) AS k ORDER BY k.h',
        [HOLDER_LOCK_CLASS, [...idHmacs]],
      );
    },
    currentForHolder: async (idHmac, nowSec) => {
      const row = await first<CardRow>(sql, 'SELECT * FROM cards WHERE id_hmac = $1 AND revoked_ms IS NULL AND exp > $2 ORDER BY serial DESC LIMIT 1', [idHmac, nowSec]);
      return row && cardFromRow(row);
    },
    list: async ({ limit, offset = 0 }) => (await rows<CardRow>(sql, 'SELECT * FROM cards ORDER BY serial LIMIT $1 OFFSET $2', [limit, offset])).map(cardFromRow),
    count: async () => (await first<{ n: number }>(sql, 'SELECT COUNT(*) AS n FROM cards'))?.n ?? 0,
    search: async (filter) => {
      const { where, values } = cardFilterSql(filter, (i) => `$${i}`);
      const total = (await first<{ n: number }>(sql, `SELECT COUNT(*) AS n FROM cards${where}`, values))?.n ?? 0;
      const n = values.length;
      const cards = (await rows<CardRow>(sql, `SELECT * FROM cards${where} ORDER BY serial DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...values, filter.limit, filter.offset])).map(cardFromRow);
      return { cards, total };
    },
    revoke: async (requests) => {
      if (requests.length === 0) throw new Error('nothing to revoke');
      const issuers = new Set(requests.map((r) => r.iss));
      if (issuers.size !== 1) throw new Error('one revocation step covers one issuer');
      const [iss] = [...issuers] as [string];
      const nowMs = requests.reduce((max, r) => Math.max(max, r.atMs), Number.MIN_SAFE_INTEGER);
      // The head first: a second revoke of the same issuer waits here, then reads what the first committed.
      const head = await first<{ seq: number }>(sql, 'SELECT seq FROM revocation_heads WHERE iss = $1 FOR UPDATE', [iss]);
      for (const r of requests) {
        const card = await getRow(r.sub);
        if (card === undefined || card.iss !== r.iss) return { ok: false, refusal: 'UNKNOWN_CARD', sub: r.sub };
        if (card.revoked_ms !== null) return { ok: false, refusal: 'ALREADY_REVOKED', sub: r.sub };
      }
      if (head === undefined) throw new Error(`no revocation list for ${iss}`);
      const bumped = await first<{ seq: number }>(sql, 'UPDATE revocation_heads SET seq = seq + 1, bumped_ms = $1 WHERE iss = $2 RETURNING seq', [nowMs, iss]);
      if (bumped === undefined) throw new Error(`no revocation list for ${iss}`);
      await noteSeq(sql, iss, bumped.seq, nowMs);
      for (const r of requests) {
        await sql.query('INSERT INTO revocations(iss, sub, seq, at, reason) VALUES ($1, $2, $3, $4, $5)', [r.iss, r.sub, bumped.seq, Math.floor(r.atMs / 1000), r.reason]);
        await sql.query('UPDATE cards SET revoked_ms = $1, revoke_reason = $2 WHERE sub = $3', [r.atMs, r.reason, r.sub]);
      }
      return { ok: true, seq: bumped.seq };
    },
    link: async (sub, successorSub) => {
      await changes(sql, 'UPDATE cards SET replaced_by = $1 WHERE sub = $2', [successorSub, sub]);
    },
  };
}
