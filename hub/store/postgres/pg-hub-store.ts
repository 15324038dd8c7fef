import type pg from 'pg';
import type { HubRepos, HubStore, StaffLogKeyRef } from '../hub-store.js';
import { pgAuditRepo } from './pg-audit-repo.js';
import { pgBundleRepo, pgRevocationRepo } from './pg-bundle-repo.js';
import { pgCardRepo } from './pg-card-repo.js';
import { asUnavailable, describeDatabase, migratePg, openPgPool, type PG_LIMITS } from './pg-database.js';
import { pgFlagRepo, pgPendingVoidRepo } from './pg-flag-repo.js';
import { pgForeignIssuerRepo, pgKeyRepo, pgMetaRepo } from './pg-key-repo.js';
import { pgRosterJobRepo } from './pg-roster-job-repo.js';
import { pgStaffLogRepo, pgStaffRepo, pgStaffSessionRepo } from './pg-staff-repos.js';
import { pgTerminalRepo } from './pg-terminal-repo.js';
import { pgTokenIdRepo } from './pg-token-id-repo.js';
import { pgUnitOfWork, type Sql } from './pg-unit-of-work.js';
import { pgUseRepo } from './pg-use-repo.js';

/** Each repository over a connection (the pool, or one unit's client); the staff log with its store's key. */
const factories = (staffLogKey: StaffLogKeyRef): { readonly [R in keyof HubRepos]: (sql: Sql) => HubRepos[R] } => ({
  meta: pgMetaRepo,
  keys: pgKeyRepo,
  issuers: pgForeignIssuerRepo,
  cards: pgCardRepo,
  revocations: pgRevocationRepo,
  bundles: pgBundleRepo,
  terminals: pgTerminalRepo,
  audit: pgAuditRepo,
  uses: pgUseRepo,
  flags: pgFlagRepo,
  pendingVoids: pgPendingVoidRepo,
  staff: pgStaffRepo,
  staffSessions: pgStaffSessionRepo,
  staffLog: (sql) => pgStaffLogRepo(sql, staffLogKey),
  rosterJobs: pgRosterJobRepo,
  tokenIds: pgTokenIdRepo,
});

function pgRepos(sql: Sql, staffLogKey: StaffLogKeyRef): HubRepos {
  return {
    meta: pgMetaRepo(sql),
    keys: pgKeyRepo(sql),
    issuers: pgForeignIssuerRepo(sql),
    cards: pgCardRepo(sql),
    revocations: pgRevocationRepo(sql),
    bundles: pgBundleRepo(sql),
    terminals: pgTerminalRepo(sql),
    audit: pgAuditRepo(sql),
    uses: pgUseRepo(sql),
    flags: pgFlagRepo(sql),
    pendingVoids: pgPendingVoidRepo(sql),
    staff: pgStaffRepo(sql),
    staffSessions: pgStaffSessionRepo(sql),
    staffLog: pgStaffLogRepo(sql, staffLogKey),
    rosterJobs: pgRosterJobRepo(sql),
    tokenIds: pgTokenIdRepo(sql),
  };
}

/**
 * Methods that are one read-only statement: called through the store they run straight on the
 * pool (one snapshot, no transaction to begin); every other call not in ONE_STATEMENT_WRITES is
 * its own serializable unit.
 */
const PLAIN_READS: { readonly [R in keyof HubRepos]?: readonly (keyof HubRepos[R])[] } = {
  meta: ['get'],
  keys: ['list'],
  issuers: ['list', 'registered'],
  cards: ['get', 'getMany', 'currentForHolder', 'list', 'count'],
  revocations: ['head', 'since', 'createdAt'],
  bundles: ['latest', 'latestVersion', 'after', 'relayedHeads', 'relayed'],
  terminals: ['get', 'list'],
  audit: ['get', 'getMany', 'contiguousEnd', 'entries'],
  uses: ['nearestElsewhere', 'feed', 'usageRows', 'companionsByRelation', 'voidedCount', 'count', 'ofCard', 'get', 'copiesOf', 'storedIds', 'countingHistory', 'nearestElsewhereMany'],
  flags: ['list', 'counts'],
  pendingVoids: ['forUse', 'forUses', 'upTo'],
  staff: ['get', 'list', 'activeAdmins', 'lockedUntil'],
  staffLog: ['list', 'count'],
  rosterJobs: ['get', 'list', 'cards'],
  tokenIds: ['count'],
};

/**
 * Methods that are one statement that writes, whose rule holds within that statement: called
 * through the store they run on the pool as their own transaction, without BEGIN … COMMIT (one
 * round trip, not three; pg-unit-of-work.ts `statement`). The hot ones of a terminal's request:
 * the token id claim (a function taking its own lock), "last seen", the revocation sequence held,
 * and an upload's flags found after its unit (one insert).
 */
const ONE_STATEMENT_WRITES: { readonly [R in keyof HubRepos]?: readonly (keyof HubRepos[R])[] } = {
  terminals: ['seen', 'noteHolding'],
  tokenIds: ['claim', 'prune'],
  flags: ['add'],
};

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * The hub's store on PostgreSQL (README "The hub on PostgreSQL"), for several hub processes on
 * one database. `url` is a postgres:// connection string; the schema is migrated (or, with
 * `create`, made: `jinka-hub init`) before the store is handed out, and a schema newer than
 * this program is refused. An unreachable database throws HubStoreUnavailableError, here and
 * on any later call.
 */
export async function openPostgresHubStore(url: string, options: { create?: boolean; limits?: Partial<typeof PG_LIMITS> } = {}): Promise<HubStore> {
  const where = describeDatabase(url);
  const pool: pg.Pool = openPgPool(url, options.limits);
  try {
    await migratePg(pool, where, options);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw asUnavailable(error, where);
  }
  const { transaction, read, statement } = pgUnitOfWork(pool, where);
  const staffLogKey: StaffLogKeyRef = {};
  const FACTORIES = factories(staffLogKey);

  const face = <K extends keyof HubRepos>(name: K): HubRepos[K] => {
    const reads = new Set<PropertyKey>(PLAIN_READS[name] ?? []);
    const writes = new Set<PropertyKey>(ONE_STATEMENT_WRITES[name] ?? []);
    const on = (sql: Sql, method: string): AnyMethod => (FACTORIES[name](sql) as unknown as Record<string, AnyMethod>)[method] as AnyMethod;
    // The pool's repository answers plain reads; for a write, a fresh one on the unit's client.
    const pooled = FACTORIES[name](pool) as unknown as Record<string, AnyMethod>;
    const out: Record<string, AnyMethod> = {};
    for (const method of Object.keys(pooled)) {
      const call = (...args: unknown[]) => (pooled[method] as AnyMethod)(...args);
      out[method] = reads.has(method) ? (...args) => read(() => call(...args)) : writes.has(method) ? (...args) => statement(() => call(...args)) : (...args) => transaction((client) => on(client, method)(...args));
    }
    return out as unknown as HubRepos[K];
  };

  let closed = false;
  return {
    meta: face('meta'),
    keys: face('keys'),
    issuers: face('issuers'),
    cards: face('cards'),
    revocations: face('revocations'),
    bundles: face('bundles'),
    terminals: face('terminals'),
    audit: face('audit'),
    uses: face('uses'),
    flags: face('flags'),
    pendingVoids: face('pendingVoids'),
    staff: face('staff'),
    staffSessions: face('staffSessions'),
    staffLog: face('staffLog'),
    rosterJobs: face('rosterJobs'),
    tokenIds: face('tokenIds'),
    transaction: (work, options) => transaction((client) => work(pgRepos(client, staffLogKey)), options),
    keyStaffLog: (key) => {
      staffLogKey.key = key;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
