import type { UseQuery } from '../../shared/decision/evaluation-ports.js';
import { AuditLog } from './store/audit-log.js';
import { AuditQueue } from './store/audit-queue.js';
import { BundleStore } from './store/bundle-store.js';
import { CounterSettingsStore } from './store/counter-settings-store.js';
import { openDatabase, type Db, type OpenDatabaseOptions } from './store/database.js';
import { DecisionStore } from './store/decision-store.js';
import { GateOpenStore } from './store/gate-open-store.js';
import { MetaStore } from './store/meta-store.js';
import { OperatorStore } from './store/operator-store.js';
import { RemoteUseStore } from './store/remote-use-store.js';
import { RevocationStore } from './store/revocation-store.js';
import { SettingsStore } from './store/settings-store.js';
import { SyncStore } from './store/sync-store.js';
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
  readonly operators: OperatorStore;
  readonly counterSettings: CounterSettingsStore;
  readonly remoteUses: RemoteUseStore;
  readonly sync: SyncStore;
  readonly auditQueue: AuditQueue;
  readonly gateOpens: GateOpenStore;

  private constructor(readonly db: Db) {
    this.meta = new MetaStore(db);
    this.trust = new TrustStore(db);
    this.revocations = new RevocationStore(db);
    this.bundles = new BundleStore(db);
    this.decisions = new DecisionStore(db);
    this.usage = new UsageStore(db);
    this.audit = new AuditLog(db, this.meta);
    this.settings = new SettingsStore(db);
    this.operators = new OperatorStore(db);
    this.counterSettings = new CounterSettingsStore(this.settings);
    this.remoteUses = new RemoteUseStore(db);
    this.sync = new SyncStore(db);
    this.auditQueue = new AuditQueue(db);
    this.gateOpens = new GateOpenStore(db);
  }

  /** Opens the database in `dataDir`, migrating it when needed; only `create` makes a new one. */
  static open(dataDir: string, options: OpenDatabaseOptions = {}): TerminalStores {
    return new TerminalStores(openDatabase(dataDir, options));
  }

  /** Uses that count against a quota: this terminal's own, uploaded or not and not voided, plus other venues' from the hub. */
  countUses(q: UseQuery): number {
    return this.usage.count(q) + this.remoteUses.count(q);
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE): all of it commits, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}
