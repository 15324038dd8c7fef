import { z } from 'zod';
import { syncNoticeSchema } from '../../../shared/sync/sync-status-codes.js';
import { terminalIdSchema } from '../../../shared/terminal-id.js';
import type { Db } from './database.js';

/** What enrolment left behind: where the hub is and who this terminal is to it. */
export const enrolmentSchema = z.strictObject({
  hubUrl: z.string().url(),
  terminalId: terminalIdSchema,
  site: z.string().min(1).max(100),
  service: z.string().min(1).max(32),
  enrolledMs: z.number().int(),
  /** The supervisor allowed plain HTTP to this hub off this machine (`jinka enrol --insecure-http`). */
  insecureHttp: z.literal(true).optional(),
});
/** This terminal's enrolment at the hub. */
export type Enrolment = z.infer<typeof enrolmentSchema>;

/**
 * How the last sync round ended, kept so every process (CLI, Electron) shows the same. What it
 * says is `notices`, codes each side words; a record written before them has an English
 * `message` instead, read and not shown (the next round, a minute later, writes notices).
 */
export const roundRecordSchema = z.strictObject({
  state: z.enum(['idle', 'offline', 'error', 'disabled']),
  // A notice this version cannot read (a newer one wrote it) drops the notices, not the record and its failure count.
  notices: z.array(syncNoticeSchema).max(10).catch([]),
  message: z.string().nullable().optional(),
  attemptMs: z.number().int(),
  lastSuccessMs: z.number().int().nullable(),
  /** Consecutive failed rounds (drives the backoff after a restart too). */
  failures: z.number().int().min(0),
});
/** The last round's outcome. */
export type RoundRecord = z.infer<typeof roundRecordSchema>;

/** The hub's clock as last seen: list age and the clock warning are measured against it. */
export const hubClockSchema = z.strictObject({
  /** Hub time minus this terminal's clock (ms), estimated at the middle of the request. */
  offsetMs: z.number().int(),
  /** Hub time reported at the last contact (UTC ms). */
  hubTimeMs: z.number().int(),
  /** This terminal's clock at the same contact. */
  localMs: z.number().int(),
});
/** The hub's clock as last seen. */
export type HubClock = z.infer<typeof hubClockSchema>;

/** Sync bookkeeping in the terminal database (migration 0003): enrolment, cursors, last round, hub clock. */
export class SyncStore {
  private readonly getStmt;
  private readonly setStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM sync_state WHERE key = ?');
  }

  private read<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const row = this.getStmt.get(key);
    if (row === undefined) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  /** The enrolment, undefined before `jinka enrol` succeeded. */
  enrolment(): Enrolment | undefined {
    return this.read('enrolment', enrolmentSchema);
  }

  /** Saves a new enrolment and starts both cursors from zero (the hub de-duplicates what it already has). */
  setEnrolment(enrolment: Enrolment): void {
    this.write('enrolment', enrolmentSchema.parse(enrolment));
    this.setUploadCursor(0);
    this.setQuotaCursor(0);
    this.deleteStmt.run('round');
  }

  /** Last audit seq the hub acknowledged: entries after it are the upload queue. */
  uploadCursor(): number {
    return this.read('upload_cursor', z.number().int().min(0)) ?? 0;
  }

  setUploadCursor(cursor: number): void {
    this.write('upload_cursor', cursor);
  }

  /** The hub's cursor in its feed of other terminals' uses. */
  quotaCursor(): number {
    return this.read('quota_cursor', z.number().int().min(0)) ?? 0;
  }

  setQuotaCursor(cursor: number): void {
    this.write('quota_cursor', cursor);
  }

  lastRound(): RoundRecord | undefined {
    return this.read('round', roundRecordSchema);
  }

  setLastRound(record: RoundRecord): void {
    this.write('round', roundRecordSchema.parse(record));
  }

  hubClock(): HubClock | undefined {
    return this.read('hub_clock', hubClockSchema);
  }

  setHubClock(clock: HubClock): void {
    this.write('hub_clock', clock);
  }
}
