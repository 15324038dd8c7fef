import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { UnitOptions } from '../hub-store.js';
import { HubStoreUnavailableError } from '../store-unavailable.js';
import { asUnavailable } from './pg-database.js';

/** What the repositories run statements on: a pool (plain reads) or one transaction's client. */
export interface Sql {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The rows a statement answers. */
export async function rows<R extends pg.QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<R[]> {
  return (await sql.query<R>(text, values)).rows;
}

/** The first row a statement answers, if any. */
export async function first<R extends pg.QueryResultRow>(sql: Sql, text: string, values: unknown[] = []): Promise<R | undefined> {
  return (await sql.query<R>(text, values)).rows[0];
}

/** How many rows a statement changed. */
export async function changes(sql: Sql, text: string, values: unknown[] = []): Promise<number> {
  return (await sql.query(text, values)).rowCount ?? 0;
}

/** SQLSTATEs after which a whole unit is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 30;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const retryableCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code) ? code : undefined;
};

/**
 * A unit rolled back on serialization failures or deadlocks MAX_ATTEMPTS times in a row: the
 * database is too busy for it just now. Answered as a database out of reach (503 with
 * Retry-After): the terminal keeps its upload and sends it again, and nothing of the unit was kept.
 */
const exhausted = (error: unknown, code: string, where: string): HubStoreUnavailableError =>
  new HubStoreUnavailableError(where, `too busy: rolled back ${MAX_ATTEMPTS} times in a row on serialization failures or deadlocks (${code})`, { cause: error });

/** Units run and units run again after a serialization failure or deadlock, in this process (for benchmarks and tests). */
export const pgUnitStats = { units: 0, retries: 0, byCode: {} as Record<string, number> };

/** Counts a retry and waits a short random while (longer as the attempts grow) before it. */
async function retryPause(code: string, attempt: number): Promise<void> {
  pgUnitStats.retries += 1;
  pgUnitStats.byCode[code] = (pgUnitStats.byCode[code] ?? 0) + 1;
  await pause(Math.random() * Math.min(50, 2 * attempt));
}

/**
 * The unit of work on PostgreSQL: BEGIN ISOLATION LEVEL SERIALIZABLE … COMMIT on one pooled
 * connection, so the outcome of units running at once, in this process or another, is that of
 * some order of whole units; a unit whose rule holds by its locks (UnitOptions `locks`, the
 * upload ingest) runs at READ COMMITTED instead, so it is not rolled back because another unit
 * read or wrote nearby rows (serializable ingests of different terminals failed each other
 * often enough to exhaust 30 attempts under load). A serialization failure or deadlock rolls the unit back and runs
 * `work` again from the start (with a short random pause, up to 30 times); any other throw
 * rolls back and is rethrown as it was. A call through the store from inside a unit is refused
 * (it would run on another connection, outside the unit). An unreachable database becomes
 * HubStoreUnavailableError, and so does a unit that ran out of retries (a busy database: the
 * server answers 503 with Retry-After and the terminal sends again, as for a database restarting).
 */
export function pgUnitOfWork(pool: pg.Pool, where: string) {
  const inside = new AsyncLocalStorage<true>();
  const refuseInside = (): void => {
    if (inside.getStore() === true) throw new Error('a store call inside a transaction must go through its tx, not the store');
  };

  const transaction = async <T>(work: (client: Sql) => Promise<T>, options: UnitOptions = {}): Promise<T> => {
    refuseInside();
    for (let attempt = 1; ; attempt += 1) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asUnavailable(error, where);
      }
      let broken: Error | undefined;
      // A connection cut while the unit holds it (the server restarting between two statements)
      // makes the client emit 'error'; unheard, that event ends the whole hub process. Heard,
      // the unit's next statement fails, the unit rolls back and the caller answers 503.
      const onCut = (error: Error): void => {
        broken = error;
      };
      client.on('error', onCut);
      try {
        await client.query(options.locks === true ? 'BEGIN ISOLATION LEVEL READ COMMITTED' : 'BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await inside.run(true, () => work(client));
        await client.query('COMMIT');
        pgUnitStats.units += 1;
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        const code = retryableCode(error);
        if (code !== undefined && attempt < MAX_ATTEMPTS) {
          await retryPause(code, attempt);
          continue;
        }
        throw code === undefined ? asUnavailable(error, where) : exhausted(error, code, where);
      } finally {
        // A connection whose rollback failed, or that was cut, is thrown away, not handed to the next unit.
        client.removeListener('error', onCut);
        client.release(broken);
      }
    }
  };

  /** A plain read: one statement on the pool, outside any unit (it sees only committed rows). */
  const read = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    refuseInside();
    try {
      return await work(pool);
    } catch (error) {
      throw asUnavailable(error, where);
    }
  };

  /**
   * One statement that writes, on the pool without BEGIN … COMMIT: PostgreSQL runs it as its own
   * transaction (READ COMMITTED), atomic, one round trip instead of three. Only for a write
   * whose rule holds within the one statement (a row by its key, a constraint, or a function
   * that takes its own lock first: pg-token-id-repo.ts). Retried like a unit on a serialization
   * failure or deadlock, and answered as a busy database when the retries run out.
   */
  const statement = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    refuseInside();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work(pool);
      } catch (error) {
        const code = retryableCode(error);
        if (code !== undefined && attempt < MAX_ATTEMPTS) {
          await retryPause(code, attempt);
          continue;
        }
        throw code === undefined ? asUnavailable(error, where) : exhausted(error, code, where);
      }
    }
  };

  return { transaction, read, statement };
}
