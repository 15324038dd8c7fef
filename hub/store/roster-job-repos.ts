/**
 * Roster imports started from the console (README "The bureau's console", Cards): a job's
 * progress and the cards it issued, in the database so a page reload and every hub process
 * read the same. No holder's name or ID number is kept: the job issues from its upload.
 */

export type RosterJobState = 'running' | 'done' | 'failed';

export interface StoredRosterJob {
  id: string;
  staffId: string;
  fileName: string;
  total: number;
  issued: number;
  state: RosterJobState;
  error: string | null;
  createdMs: number;
  updatedMs: number;
  finishedMs: number | null;
}

export interface RosterJobRepo {
  /** Starts a job (state running, nothing issued); false when the id is taken. */
  create(job: { id: string; staffId: string; fileName: string; total: number; createdMs: number }): Promise<boolean>;
  get(id: string): Promise<StoredRosterJob | undefined>;
  /** The newest jobs first. */
  list(limit: number): Promise<StoredRosterJob[]>;
  /**
   * Notes cards issued by a running job, appended in order; false (and nothing written) when the
   * job is unknown or no longer running, or the cards would pass its total. One statement's worth
   * of atomicity: two calls for one job never interleave their cards.
   */
  progress(id: string, subs: readonly string[], atMs: number): Promise<boolean>;
  /** Ends a running job as done or failed (with why); false when it was not running. */
  finish(id: string, state: Exclude<RosterJobState, 'running'>, error: string | null, atMs: number): Promise<boolean>;
  /** The card numbers the job issued, in roster order. */
  cards(id: string): Promise<string[]>;
  /** Marks jobs running and not updated since `beforeMs` as failed with `error` (their process ended); returns how many. */
  failStale(beforeMs: number, error: string, atMs: number): Promise<number>;
}
