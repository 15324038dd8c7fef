import type pg from 'pg';
import { openHubDatabase, type HubDb } from '../sqlite/hub-database.js';
import { auditChains, pgSource, quoteName as q, sqliteSource, tableDigest, type ChainSummary, type Row, type RowSource } from './pg-copy-source.js';
import { asUnavailable, describeDatabase, migratePg, openPgPool } from './pg-database.js';

/**
 * `jinka-hub migrate --to postgres://…` (README "Moving a hub to PostgreSQL"): the SQLite hub
 * in a data folder copied table by table, row by row, into a PostgreSQL database, in ONE
 * transaction that also verifies what it wrote before it commits, so the target ends up either
 * untouched or complete. Keys stay sealed as they were (the sealed bytes are copied; no
 * passphrase is asked for). Running it again is harmless: a target holding exactly this hub is
 * verified again and left alone; a target holding anything else is refused.
 */

/** Why nothing was copied (or kept): the target holds other data, the schemas differ, or what was written does not verify. */
export class HubMigrateRefusedError extends Error {
  constructor(
    readonly reason: 'other-data' | 'schema-differs' | 'verify-failed',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Rows copied so far of one table (for progress on stderr), or the verification starting. */
export type MigrateProgress = { stage: 'copy'; table: string; done: number; total: number } | { stage: 'verify' };

export interface MigrateResult {
  /** `copied` now, or `already-there` from an earlier run (verified again, nothing written). */
  outcome: 'copied' | 'already-there';
  tables: { table: string; rows: number }[];
  /** Terminals whose audit chain was re-checked on the PostgreSQL side, and their entries. */
  terminals: number;
  entries: number;
}

/** Tables of the PostgreSQL schema that are its own bookkeeping, not the hub's data. */
const PG_ONLY = new Set(['schema_version', 'counters']);
/** SQLite keeps the card serial counter in meta; PostgreSQL in counters (a row the allocating unit locks). */
const SERIAL_KEY = 'card_serial';
/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement). */
const BATCH_ROWS = 500;
/** Two migrations into one database run one after the other (the second finds the first's work). */
const COPY_LOCK = 0x4a494e4b_02;

interface Table {
  name: string;
  columns: string[];
  types: Map<string, string>;
  key: string[];
}

async function pgSchema(client: pg.PoolClient): Promise<Table[]> {
  const cols = await client.query<{ t: string; c: string; d: string }>(
    `SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const keys = await client.query<{ t: string; c: string }>(
    `SELECT cl.relname AS t, a.attname AS c FROM pg_index i
     JOIN pg_class cl ON cl.oid = i.indrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON TRUE
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY cl.relname, k.pos`,
  );
  const refs = await client.query<{ t: string; r: string }>(
    `SELECT c.relname AS t, r.relname AS r FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const tables = new Map<string, Table>();
  for (const { t, c, d } of cols.rows) {
    if (PG_ONLY.has(t)) continue;
    const table: Table = tables.get(t) ?? { name: t, columns: [], types: new Map(), key: [] };
    table.columns.push(c);
    table.types.set(c, d);
    tables.set(t, table);
  }
  for (const { t, c } of keys.rows) tables.get(t)?.key.push(c);
  // Referenced tables first (staff before staff_sessions, roster_jobs before roster_job_cards).
  const after = new Map<string, string[]>();
  for (const { t, r } of refs.rows) if (t !== r) after.set(t, [...(after.get(t) ?? []), r]);
  const ordered: Table[] = [];
  const visit = (name: string, path: Set<string>) => {
    const table = tables.get(name);
    if (table === undefined || ordered.includes(table) || path.has(name)) return;
    path.add(name);
    for (const r of after.get(name) ?? []) visit(r, path);
    ordered.push(table);
  };
  for (const name of [...tables.keys()].sort()) visit(name, new Set());
  for (const table of ordered) if (table.key.length === 0) throw new HubMigrateRefusedError('schema-differs', `table ${table.name} has no primary key in PostgreSQL`);
  return ordered;
}

/** The SQLite file must have the same tables and columns (same program version on both sides). */
function checkSameSchema(db: HubDb, tables: Table[]): void {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const pgNames = new Set(tables.map((t) => t.name));
  const onlySqlite = names.filter((n) => !pgNames.has(n));
  if (onlySqlite.length > 0) throw new HubMigrateRefusedError('schema-differs', `the SQLite hub has table(s) ${onlySqlite.join(', ')} the PostgreSQL schema lacks`);
  for (const table of tables) {
    if (!names.includes(table.name)) throw new HubMigrateRefusedError('schema-differs', `the SQLite hub lacks table ${table.name}`);
    const columns = (db.prepare(`PRAGMA table_info(${q(table.name)})`).all() as { name: string }[]).map((r) => r.name).sort();
    if (columns.join(',') !== [...table.columns].sort().join(',')) throw new HubMigrateRefusedError('schema-differs', `table ${table.name} has other columns in SQLite (${columns.join(', ')})`);
  }
}

const textColumnsOf = (tables: Table[]) => {
  const byName = new Map(tables.map((t) => [t.name, new Set(t.columns.filter((c) => t.types.get(c) === 'text'))]));
  return (name: string): ReadonlySet<string> => byName.get(name) ?? new Set();
};

/** The meta row of the serial counter is not a row of PostgreSQL's meta. */
const skipOf = (table: Table): ((row: Row) => boolean) | undefined => {
  if (table.name !== 'meta') return undefined;
  const at = table.columns.indexOf('key');
  return (row) => row[at] === SERIAL_KEY;
};

/** The counters PostgreSQL keeps in rows, as the SQLite file implies them. */
function expectedCounters(db: HubDb): Map<string, number> {
  const serial = (db.prepare('SELECT value FROM meta WHERE key = ?').get(SERIAL_KEY) as { value: string } | undefined)?.value ?? '0';
  const staffLog = (db.prepare('SELECT max(seq) AS n FROM staff_log').get() as { n: number | null }).n ?? 0;
  if (!/^\d+$/.test(serial) || !Number.isSafeInteger(Number(serial))) throw new HubMigrateRefusedError('verify-failed', 'the SQLite hub’s card serial counter is not a whole number');
  // Never below a stored card's serial (a serial is handed out once, even by a hub whose counter lagged).
  const maxSerial = (db.prepare('SELECT max(serial) AS n FROM cards').get() as { n: number | null }).n ?? 0;
  return new Map([
    ['card_serial', Math.max(Number(serial), maxSerial)],
    ['staff_log', staffLog],
  ]);
}

async function isEmpty(client: pg.PoolClient, tables: Table[]): Promise<boolean> {
  for (const table of tables) {
    const any = await client.query(`SELECT 1 FROM ${q(table.name)} LIMIT 1`);
    if (any.rowCount !== 0) return false;
  }
  const counters = await client.query<{ n: number }>('SELECT count(*) AS n FROM counters WHERE value <> 0');
  return (counters.rows[0]?.n ?? 0) === 0;
}

/** A cell as PostgreSQL's column type takes it (SQLite keeps booleans as 0/1, entry bodies as text). */
function toPg(value: Row[number], type: string | undefined): unknown {
  if (value === null) return null;
  if (type === 'boolean') return value !== 0 && value !== '0';
  if (type === 'bytea') return Buffer.from(String(value), 'utf8');
  return value;
}

async function copyTable(db: HubDb, client: pg.PoolClient, table: Table, progress: (p: MigrateProgress) => void): Promise<number> {
  const total = await sqliteSource(db).count(table.name);
  const per = Math.max(1, Math.min(BATCH_ROWS, Math.floor(60_000 / table.columns.length)));
  const skip = skipOf(table);
  const types = table.columns.map((c) => table.types.get(c));
  let batch: Row[] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((cell, i) => `$${values.push(toPg(cell, types[i]))}`).join(', ')})`);
    await client.query(`INSERT INTO ${q(table.name)} (${table.columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, values);
    done += batch.length;
    batch = [];
    progress({ stage: 'copy', table: table.name, done, total });
  };
  for await (const row of sqliteSource(db).rows(table.name, table.columns, table.key)) {
    if (skip?.(row) === true) continue;
    batch.push(row);
    if (batch.length >= per) await flush();
  }
  await flush();
  return done;
}

/** Counters and sequences after the copy: the next serial, staff log entry, feed cursor and flag id come after the copied ones. */
async function setCounters(client: pg.PoolClient, counters: Map<string, number>): Promise<void> {
  for (const [name, value] of counters) await client.query('UPDATE counters SET value = $2 WHERE name = $1', [name, value]);
  await client.query("SELECT setval('use_cursor_seq', GREATEST((SELECT max(cursor) FROM uses), 1), (SELECT max(cursor) FROM uses) IS NOT NULL)");
  await client.query("SELECT setval(pg_get_serial_sequence('flags', 'id'), GREATEST((SELECT max(id) FROM flags), 1), (SELECT max(id) FROM flags) IS NOT NULL)");
}

const sameChain = (a: ChainSummary | undefined, b: ChainSummary | undefined) =>
  a !== undefined && b !== undefined && a.entries === b.entries && a.badHashes.join() === b.badHashes.join() && a.badLinks.join() === b.badLinks.join();

/**
 * What the target holds against the SQLite file: each table's row count and digest, the
 * counters, and every terminal's audit chain re-checked on the PostgreSQL side (each entry
 * re-hashed and linked), which must check exactly where it checked in SQLite (a chain that
 * arrived broken at upload stays recorded so, nothing else may differ). Throws on the first
 * difference.
 */
async function verify(db: HubDb, client: pg.PoolClient, tables: Table[], counters: Map<string, number>): Promise<Omit<MigrateResult, 'outcome'>> {
  const from = sqliteSource(db);
  const to: RowSource = pgSource(client, textColumnsOf(tables));
  const counted: MigrateResult['tables'] = [];
  for (const table of tables) {
    const skip = skipOf(table);
    const expected = await tableDigest(from, table.name, table.columns, table.key, skip);
    const actual = await tableDigest(to, table.name, table.columns, table.key);
    const pgCount = await to.count(table.name);
    if (pgCount !== expected.rows || actual.rows !== expected.rows) throw new HubMigrateRefusedError('verify-failed', `table ${table.name}: ${expected.rows} row(s) in SQLite, ${pgCount} in PostgreSQL`);
    if (actual.digest !== expected.digest) throw new HubMigrateRefusedError('verify-failed', `table ${table.name}: the rows differ from the SQLite file’s`);
    counted.push({ table: table.name, rows: expected.rows });
  }
  const stored = await client.query<{ name: string; value: number }>('SELECT name, value FROM counters');
  for (const [name, value] of counters) {
    const row = stored.rows.find((r) => r.name === name);
    if (row?.value !== value) throw new HubMigrateRefusedError('verify-failed', `counter ${name}: ${value} in SQLite, ${row?.value ?? 'none'} in PostgreSQL`);
  }
  const source = await auditChains(from);
  const target = await auditChains(to);
  let entries = 0;
  for (const [terminal, chain] of target) {
    if (!sameChain(chain, source.get(terminal))) throw new HubMigrateRefusedError('verify-failed', `terminal ${terminal}: its audit chain does not check in PostgreSQL as it does in SQLite`);
    entries += chain.entries;
  }
  if (target.size !== source.size) throw new HubMigrateRefusedError('verify-failed', `${source.size} terminal chain(s) in SQLite, ${target.size} in PostgreSQL`);
  return { tables: counted, terminals: target.size, entries };
}

/** Copies the SQLite hub in `dataDir` into the PostgreSQL database at `url` (see above). */
export async function migrateSqliteToPg(dataDir: string, url: string, progress: (p: MigrateProgress) => void = () => undefined): Promise<MigrateResult> {
  const where = describeDatabase(url);
  const db = openHubDatabase(dataDir);
  // A big table's count or digest may take longer than a hub request's statement limit.
  const pool = openPgPool(url, { maxConnections: 1, statementTimeoutMs: 600_000 });
  try {
    await migratePg(pool, where, { create: true });
    const client = await pool.connect();
    // A connection cut mid-copy fails the next statement (the copy is rolled back) rather than the process.
    client.on('error', () => undefined);
    let done = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query('SELECT pg_advisory_xact_lock($1)', [COPY_LOCK]);
      // One snapshot of the SQLite file for the copy and its verification.
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM meta').get();
      const tables = await pgSchema(client);
      checkSameSchema(db, tables);
      const counters = expectedCounters(db);
      if (!(await isEmpty(client, tables))) {
        const found = await verify(db, client, tables, counters).catch((error: unknown) => {
          if (error instanceof HubMigrateRefusedError && error.reason === 'verify-failed') {
            throw new HubMigrateRefusedError('other-data', `${where} already holds other hub data than the SQLite file (${error.detail}): nothing was copied`);
          }
          throw error;
        });
        await client.query('ROLLBACK');
        done = true;
        return { outcome: 'already-there', ...found };
      }
      for (const table of tables) await copyTable(db, client, table, progress);
      await setCounters(client, counters);
      progress({ stage: 'verify' });
      const checked = await verify(db, client, tables, counters);
      await client.query('COMMIT');
      done = true;
      return { outcome: 'copied', ...checked };
    } finally {
      if (!done) await client.query('ROLLBACK').catch(() => undefined);
      if (db.inTransaction) db.exec('ROLLBACK');
      client.release();
    }
  } catch (error) {
    throw asUnavailable(error, where);
  } finally {
    db.close();
    await pool.end().catch(() => undefined);
  }
}
