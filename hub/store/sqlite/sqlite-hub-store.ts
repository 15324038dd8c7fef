import type { HubRepos, HubStore, StaffLogKeyRef } from '../hub-store.js';
import { openHubDatabase, settle, type HubDb } from './hub-database.js';
import { sqliteAuditRepo } from './sqlite-audit-repo.js';
import { sqliteBundleRepo, sqliteRevocationRepo } from './sqlite-bundle-repo.js';
import { sqliteCardRepo } from './sqlite-card-repo.js';
import { sqliteFlagRepo } from './sqlite-flag-repo.js';
import { sqliteForeignIssuerRepo, sqliteKeyRepo, sqliteMetaRepo } from './sqlite-key-repo.js';
import { sqliteRosterJobRepo } from './sqlite-roster-job-repo.js';
import { sqliteStaffLogRepo } from './sqlite-staff-log-repo.js';
import { sqliteStaffRepo } from './sqlite-staff-repo.js';
import { sqliteStaffSessionRepo } from './sqlite-staff-session-repo.js';
import { sqlitePendingVoidRepo } from './sqlite-pending-void-repo.js';
import { sqliteTerminalRepo } from './sqlite-terminal-repo.js';
import { sqliteTokenIdRepo } from './sqlite-token-id-repo.js';
import { serialised, sqliteUnitOfWork } from './sqlite-unit-of-work.js';
import { sqliteUseRepo } from './sqlite-use-repo.js';

function sqliteRepos(db: HubDb, staffLogKey: StaffLogKeyRef): HubRepos {
  return {
    meta: sqliteMetaRepo(db),
    keys: sqliteKeyRepo(db),
    issuers: sqliteForeignIssuerRepo(db),
    cards: sqliteCardRepo(db),
    revocations: sqliteRevocationRepo(db),
    bundles: sqliteBundleRepo(db),
    terminals: sqliteTerminalRepo(db),
    audit: sqliteAuditRepo(db),
    uses: sqliteUseRepo(db),
    flags: sqliteFlagRepo(db),
    pendingVoids: sqlitePendingVoidRepo(db),
    staff: sqliteStaffRepo(db),
    staffSessions: sqliteStaffSessionRepo(db),
    staffLog: sqliteStaffLogRepo(db, staffLogKey),
    rosterJobs: sqliteRosterJobRepo(db),
    tokenIds: sqliteTokenIdRepo(db),
  };
}

/**
 * Opens the hub's default store: one SQLite file in `dataDir` (created only with `create`: `init`).
 * Inside a unit of work the repositories' own multi-statement steps become savepoints of it.
 */
export function openSqliteHubStore(dataDir: string, options: { create?: boolean } = {}): HubStore {
  const db = openHubDatabase(dataDir, options);
  const staffLogKey: StaffLogKeyRef = {};
  const repos = sqliteRepos(db, staffLogKey);
  const { run, transaction } = sqliteUnitOfWork(db);
  const s = <R extends object>(repo: R): R => serialised(repo, run);
  return {
    meta: s(repos.meta),
    keys: s(repos.keys),
    issuers: s(repos.issuers),
    cards: s(repos.cards),
    revocations: s(repos.revocations),
    bundles: s(repos.bundles),
    terminals: s(repos.terminals),
    audit: s(repos.audit),
    uses: s(repos.uses),
    flags: s(repos.flags),
    pendingVoids: s(repos.pendingVoids),
    staff: s(repos.staff),
    staffSessions: s(repos.staffSessions),
    staffLog: s(repos.staffLog),
    rosterJobs: s(repos.rosterJobs),
    tokenIds: s(repos.tokenIds),
    transaction: (work) => transaction(() => work(repos)),
    keyStaffLog: (key) => {
      staffLogKey.key = key;
    },
    close: () => run(() => settle(() => void db.close())),
  };
}
