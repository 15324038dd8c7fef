import type { HubStore } from '../hub-store.js';
import { openHubDatabase, settle } from './hub-database.js';
import { sqliteAuditRepo } from './sqlite-audit-repo.js';
import { sqliteBundleRepo, sqliteRevocationRepo } from './sqlite-bundle-repo.js';
import { sqliteCardRepo } from './sqlite-card-repo.js';
import { sqliteFlagRepo } from './sqlite-flag-repo.js';
import { sqliteForeignIssuerRepo, sqliteKeyRepo, sqliteMetaRepo } from './sqlite-key-repo.js';
import { sqliteTerminalRepo } from './sqlite-terminal-repo.js';
import { sqliteUseRepo } from './sqlite-use-repo.js';

/** Opens the hub's default store: one SQLite file in `dataDir` (created only with `create`: `init`). */
export function openSqliteHubStore(dataDir: string, options: { create?: boolean } = {}): HubStore {
  const db = openHubDatabase(dataDir, options);
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
    close: () => settle(() => void db.close()),
  };
}
