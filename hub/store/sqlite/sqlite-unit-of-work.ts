import { AsyncLocalStorage } from 'node:async_hooks';
import type { HubDb } from './hub-database.js';

/** Runs one piece of work at a time on the connection, in call order. */
export type SerialRun = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * The unit of work on better-sqlite3. The driver is synchronous and has one connection, so an
 * async transaction that awaits between its steps must own the connection for its whole life:
 * transactions and plain calls of the store run one after another in call order, so no call of
 * another request lands inside an open transaction (it would commit or roll back with it).
 * A store call made from inside a transaction (instead of through `tx`) would wait for itself
 * for ever; it is refused at once instead.
 */
export function sqliteUnitOfWork(db: HubDb): { run: SerialRun; transaction: <T>(work: () => Promise<T>) => Promise<T> } {
  let tail: Promise<unknown> = Promise.resolve();
  const inside = new AsyncLocalStorage<true>();
  const run: SerialRun = (work) => {
    if (inside.getStore() === true) return Promise.reject(new Error('a store call inside a transaction must go through its tx, not the store'));
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
  const transaction = <T>(work: () => Promise<T>): Promise<T> =>
    run(() =>
      inside.run(true, async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work();
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // A failed statement may already have ended the transaction (SQLite rolls back on some errors).
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  return { run, transaction };
}

/** The repository with every method run through `run` (the store's top-level face). */
export function serialised<R extends object>(repo: R, run: SerialRun): R {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repo)) {
    const call = method as (...args: unknown[]) => Promise<unknown>;
    out[name] = (...args: unknown[]) => run(() => call(...args));
  }
  return out as R;
}
