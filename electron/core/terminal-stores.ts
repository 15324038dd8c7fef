import { AuditLog } from './store/audit-log.js';
import { BundleStore } from './store/bundle-store.js';
import { openDatabase, type Db } from './store/database.js';
import { DecisionStore } from './store/decision-store.js';
import { MetaStore } from './store/meta-store.js';
import { RevocationStore } from './store/revocation-store.js';
import { SettingsStore } from './store/settings-store.js';
import { TrustStore } from './store/trust-store.js';
import { UsageStore } from './store/usage-store.js';

/** Every store of one terminal database, sharing its one connection. */
export class TerminalStores {
  readonly meta: MetaStore;
  readonly trust: TrustStore;
  readonly revocations: RevocationStore;
  readonly bundles: BundleStore;
  readonly decisions: DecisionStore;
  readonly usage: UsageStore;
  readonly audit: AuditLog;
  readonly settings: SettingsStore;

  private constructor(readonly db: Db) {
    this.meta = new MetaStore(db);
    this.trust = new TrustStore(db);
    this.revocations = new RevocationStore(db);
    this.bundles = new BundleStore(db);
    this.decisions = new DecisionStore(db);
    this.usage = new UsageStore(db);
    this.audit = new AuditLog(db, this.meta);
    this.settings = new SettingsStore(db);
  }

  /** Opens the database in `dataDir`, migrating it when needed. */
  static open(dataDir: string): TerminalStores {
    return new TerminalStores(openDatabase(dataDir));
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): all of it commits, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}
