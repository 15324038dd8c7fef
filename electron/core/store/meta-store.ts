import type { Db } from './database.js';

/** Small key/value facts the terminal keeps: the latest instant seen, the audit head. */
export class MetaStore {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  /** Latest real instant seen (UTC ms): recorded uses and imported bundles' iat. §6 CLOCK_SUSPECT. */
  latestSeenMs(): number {
    return Number(this.get('latest_seen_ms') ?? 0);
  }

  /** Raises the latest instant seen; never lowers it. */
  noteSeen(instantMs: number): void {
    if (instantMs > this.latestSeenMs()) this.set('latest_seen_ms', String(instantMs));
  }

  /** Sets the latest instant seen, down as well as up: only electron/core/clock-guard.ts calls it, inside an audited transaction. */
  resetSeen(instantMs: number): void {
    this.set('latest_seen_ms', String(instantMs));
  }
}
