import type { RosterJobRepo, RosterJobState, StoredRosterJob } from '../hub-store.js';
import { settle, type HubDb } from './hub-database.js';

interface JobRow {
  id: string;
  staff_id: string;
  file_name: string;
  total: number;
  issued: number;
  state: string;
  error: string | null;
  created_ms: number;
  updated_ms: number;
  finished_ms: number | null;
}

const STATES: readonly RosterJobState[] = ['running', 'done', 'failed'];

export const rosterJobFromRow = (r: JobRow): StoredRosterJob => {
  if (!(STATES as readonly string[]).includes(r.state)) throw new Error(`roster job row with state ${r.state}`);
  return {
    id: r.id,
    staffId: r.staff_id,
    fileName: r.file_name,
    total: r.total,
    issued: r.issued,
    state: r.state as RosterJobState,
    error: r.error,
    createdMs: r.created_ms,
    updatedMs: r.updated_ms,
    finishedMs: r.finished_ms,
  };
};
export type { JobRow as RosterJobRow };

/** Roster jobs on SQLite: a progress step (count and cards) is one transaction. */
export function sqliteRosterJobRepo(db: HubDb): RosterJobRepo {
  const progressTx = db.transaction((id: string, subs: readonly string[], atMs: number): boolean => {
    const row = db.prepare<[string], JobRow>('SELECT * FROM roster_jobs WHERE id = ?').get(id);
    if (row === undefined || row.state !== 'running' || row.issued + subs.length > row.total) return false;
    const add = db.prepare<[string, number, string]>('INSERT INTO roster_job_cards(job_id, pos, sub) VALUES (?, ?, ?)');
    subs.forEach((sub, i) => add.run(id, row.issued + i, sub));
    db.prepare<[number, number, string]>('UPDATE roster_jobs SET issued = issued + ?, updated_ms = ? WHERE id = ?').run(subs.length, atMs, id);
    return true;
  });
  return {
    create: (j) =>
      settle(
        () =>
          db
            .prepare<[string, string, string, number, number, number]>(
              "INSERT OR IGNORE INTO roster_jobs(id, staff_id, file_name, total, issued, state, created_ms, updated_ms) VALUES (?, ?, ?, ?, 0, 'running', ?, ?)",
            )
            .run(j.id, j.staffId, j.fileName, j.total, j.createdMs, j.createdMs).changes === 1,
      ),
    get: (id) =>
      settle(() => {
        const row = db.prepare<[string], JobRow>('SELECT * FROM roster_jobs WHERE id = ?').get(id);
        return row && rosterJobFromRow(row);
      }),
    list: (limit) => settle(() => db.prepare<[number], JobRow>('SELECT * FROM roster_jobs ORDER BY created_ms DESC, id LIMIT ?').all(limit).map(rosterJobFromRow)),
    progress: (id, subs, atMs) => settle(() => progressTx.immediate(id, subs, atMs)),
    finish: (id, state, error, atMs) =>
      settle(
        () =>
          db
            .prepare<[string, string | null, number, number, string]>("UPDATE roster_jobs SET state = ?, error = ?, updated_ms = ?, finished_ms = ? WHERE id = ? AND state = 'running'")
            .run(state, error, atMs, atMs, id).changes === 1,
      ),
    cards: (id) => settle(() => db.prepare<[string], { sub: string }>('SELECT sub FROM roster_job_cards WHERE job_id = ? ORDER BY pos').all(id).map((r) => r.sub)),
    failStale: (beforeMs, error, atMs) =>
      settle(
        () =>
          db
            .prepare<[string, number, number, number]>("UPDATE roster_jobs SET state = 'failed', error = ?, updated_ms = ?, finished_ms = ? WHERE state = 'running' AND updated_ms < ?")
            .run(error, atMs, atMs, beforeMs).changes,
      ),
  };
}
