import pg from 'pg';
import { HubSchemaTooNewError } from '../sqlite/hub-database.js';
import { HubStoreUnavailableError } from '../store-unavailable.js';
import { PG_HUB_MIGRATIONS } from './migrations/index.js';

/** Pool limits (README "The hub on PostgreSQL"): per hub process. */
export const PG_LIMITS = {
  /** Connections one hub process holds at most; with two processes, 2 × this must fit max_connections. */
  maxConnections: 10,
  /** A statement running longer is cancelled by the server (a stuck query never holds a lock for ever). */
  statementTimeoutMs: 15_000,
  /** Waiting longer for a connection (a database down or every connection busy) fails the call. */
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
} as const;

/** Raised when a PostgreSQL database holds no hub schema and the command is not `init`. */
export class PgHubMissingError extends Error {}

/** int8 (BIGINT, COUNT) as a JavaScript number, refused when it would lose digits. */
function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`hub database: integer ${text} is beyond JavaScript's safe range`);
  return n;
}
const INT8_OID = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => (oid === INT8_OID ? parseBigint : (pg.types.getTypeParser(oid, format) as unknown))) as pg.CustomTypesConfig['getTypeParser'],
};

/** host:port/database of a connection string, for messages (never its password). */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unreadable connection string)';
  }
}

/** Whether a connection string names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\/[^\s]+$/.test(url);
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Whether an error means the database is out of reach (rather than a refused statement): a
 * socket error, a connection timeout, a server shutting down or not yet accepting
 * connections (SQLSTATE class 08, 57P01-57P03), too many connections (53300).
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** The error as HubStoreUnavailableError when it means the database is out of reach; else unchanged. */
export function asUnavailable(error: unknown, where: string): unknown {
  if (error instanceof HubStoreUnavailableError || !isUnavailable(error)) return error;
  const code = (error as { code?: unknown }).code;
  const reason = error instanceof Error ? error.message || String(code) : String(error);
  return new HubStoreUnavailableError(where, typeof code === 'string' && !reason.includes(code) ? `${reason} (${code})` : reason, { cause: error });
}

/** A pool on the hub's database with the limits above. */
export function openPgPool(url: string, limits: Partial<Record<keyof typeof PG_LIMITS, number>> = {}): pg.Pool {
  const l = { ...PG_LIMITS, ...limits };
  const pool = new pg.Pool({
    connectionString: url,
    max: l.maxConnections,
    connectionTimeoutMillis: l.connectTimeoutMs,
    idleTimeoutMillis: l.idleTimeoutMs,
    statement_timeout: l.statementTimeoutMs,
    // The client gives up a little after the server would have cancelled the statement.
    query_timeout: l.statementTimeoutMs + 5_000,
    application_name: 'jinka-hub',
    types,
  });
  // An idle connection the server dropped (a restart) must not crash the process; the next call reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Two hubs starting at once migrate one after the other (a transaction-scoped advisory lock). */
const MIGRATION_LOCK = 0x4a494e4b_01;

/**
 * Brings the hub schema up to date (PG_HUB_MIGRATIONS past `schema_version`), in one
 * transaction under a lock, so of two hub processes starting together one migrates and the
 * other sees the result. A schema newer than this program is refused (HubSchemaTooNewError, as
 * on SQLite); a database without the hub's schema is refused unless `create` (`jinka-hub init`).
 */
export async function migratePg(pool: pg.Pool, where: string, options: { create?: boolean } = {}): Promise<void> {
  const client = await pool.connect();
  // A connection cut meanwhile fails the next statement instead of ending the process (see pg-unit-of-work.ts).
  const onCut = (): void => undefined;
  client.on('error', onCut);
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t");
    let current = 0;
    if (exists.rows[0]?.t == null) {
      if (options.create !== true) throw new PgHubMissingError(`${where} holds no hub database: run jinka-hub init --database … first`);
      const tables = await client.query<{ n: number }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()");
      if ((tables.rows[0]?.n ?? 0) > 0) throw new PgHubMissingError(`${where} holds tables of another program: give the hub a database of its own`);
      await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      await client.query('INSERT INTO schema_version(version) VALUES (0)');
    } else {
      const row = await client.query<{ version: number }>('SELECT version FROM schema_version');
      current = row.rows[0]?.version ?? 0;
    }
    if (current > PG_HUB_MIGRATIONS.length) throw new HubSchemaTooNewError(`hub database schema ${current} is newer than this program (${PG_HUB_MIGRATIONS.length})`);
    for (let version = current; version < PG_HUB_MIGRATIONS.length; version += 1) await client.query(PG_HUB_MIGRATIONS[version] as string);
    if (current < PG_HUB_MIGRATIONS.length) await client.query('UPDATE schema_version SET version = $1', [PG_HUB_MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.removeListener('error', onCut);
    client.release();
  }
}
