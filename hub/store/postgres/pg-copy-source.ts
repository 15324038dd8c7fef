import { createHash } from 'node:crypto';
import type pg from 'pg';
import { auditHash, GENESIS_HASH } from '../../../node/audit/audit-hash.js';
import type { HubDb } from '../sqlite/hub-database.js';

/**
 * Reading one hub's tables the same way from SQLite and from PostgreSQL, for `jinka-hub
 * migrate` (pg-migrate-from-sqlite.ts): rows in primary-key order (text keys compared byte by
 * byte on both sides), values in one canonical form (booleans as 0/1, bytes as their UTF-8
 * text), so a table's digest is the same on both sides exactly when its rows are.
 */
export type Cell = string | number | null;
export type Row = Cell[];

/** A source of rows: a table's columns (in the order given) by primary key. */
export interface RowSource {
  rows(table: string, columns: readonly string[], orderBy: readonly string[]): AsyncIterable<Row> | Iterable<Row>;
  count(table: string): Promise<number>;
}

const quote = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`hub database: unexpected name ${JSON.stringify(name)}`);
  return `"${name}"`;
};
export const quoteName = quote;

function canonical(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`hub database: unexpected value of type ${typeof value}`);
}

/** The SQLite file's rows (inside the read transaction the caller holds, so one snapshot). */
export function sqliteSource(db: HubDb): RowSource {
  return {
    *rows(table, columns, orderBy) {
      const stmt = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${orderBy.map(quote).join(', ')}`).raw(true);
      for (const row of stmt.iterate() as IterableIterator<unknown[]>) yield row.map(canonical);
    },
    count: (table) => Promise.resolve((db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n),
  };
}

/** Rows fetched per round trip from PostgreSQL. */
const FETCH = 2000;
let cursors = 0;

/** A PostgreSQL connection's rows (inside a transaction the caller holds: cursors need one). */
export function pgSource(client: pg.PoolClient, textColumns: (table: string) => ReadonlySet<string>): RowSource {
  return {
    async *rows(table, columns, orderBy) {
      cursors += 1;
      const name = `jinka_copy_${cursors}`;
      const text = textColumns(table);
      const order = orderBy.map((c) => (text.has(c) ? `${quote(c)} COLLATE "C"` : quote(c))).join(', ');
      await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${order}`);
      try {
        for (;;) {
          const page = await client.query<unknown[]>({ text: `FETCH ${FETCH} FROM ${name}`, rowMode: 'array' });
          for (const row of page.rows) yield row.map(canonical);
          if (page.rows.length < FETCH) break;
        }
      } finally {
        await client.query(`CLOSE ${name}`);
      }
    },
    count: async (table) => (await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]?.n ?? 0,
  };
}

/** A table's rows as one SHA-256 (canonical JSON per row) and how many. */
export async function tableDigest(source: RowSource, table: string, columns: readonly string[], orderBy: readonly string[], skip?: (row: Row) => boolean): Promise<{ rows: number; digest: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const row of source.rows(table, columns, orderBy)) {
    if (skip?.(row) === true) continue;
    rows += 1;
    hash.update(`${JSON.stringify(row)}\n`);
  }
  return { rows, digest: hash.digest('hex') };
}

/** One terminal's audit chain as stored: entries, and those whose hash or link to the one before does not check. */
export interface ChainSummary {
  entries: number;
  badHashes: number[];
  badLinks: number[];
}

/**
 * Every terminal's audit chain re-checked from the stored rows (as `jinka-hub audit verify`
 * does): each entry re-hashed, and linked to the entry before it where that one is stored.
 */
export async function auditChains(source: RowSource): Promise<Map<string, ChainSummary>> {
  const chains = new Map<string, ChainSummary>();
  let terminal: string | undefined;
  let prev: { seq: number; hash: string } | undefined;
  const columns = ['terminal_id', 'seq', 'at_ms', 'kind', 'body', 'prev_hash', 'hash'];
  for await (const [id, seq, atMs, kind, body, prevHash, hash] of source.rows('audit_entries', columns, ['terminal_id', 'seq'])) {
    if (typeof id !== 'string' || typeof seq !== 'number' || typeof atMs !== 'number' || typeof kind !== 'string' || typeof body !== 'string' || typeof prevHash !== 'string' || typeof hash !== 'string') {
      throw new Error('hub database: an audit entry row has an unexpected shape');
    }
    if (id !== terminal) {
      terminal = id;
      prev = undefined;
      chains.set(id, { entries: 0, badHashes: [], badLinks: [] });
    }
    const chain = chains.get(id) as ChainSummary;
    chain.entries += 1;
    if (auditHash(prevHash, seq, atMs, kind, body) !== hash) chain.badHashes.push(seq);
    const before = seq === 1 ? GENESIS_HASH : prev?.seq === seq - 1 ? prev.hash : undefined;
    if (before !== undefined && before !== prevHash) chain.badLinks.push(seq);
    prev = { seq, hash };
  }
  return chains;
}
