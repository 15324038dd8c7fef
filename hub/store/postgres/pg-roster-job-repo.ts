import type { RosterJobRepo } from '../hub-store.js';
import { rosterJobFromRow, type RosterJobRow } from '../sqlite/sqlite-roster-job-repo.js';
import { changes, first, rows, type Sql } from './pg-unit-of-work.js';

/** Roster jobs on PostgreSQL (port of sqlite-roster-job-repo.ts): a progress step locks the job's row, then appends. */
export function pgRosterJobRepo(sql: Sql): RosterJobRepo {
  return {
    create: async (j) =>
      (await changes(
        sql,
        "INSERT INTO roster_jobs(id, staff_id, file_name, total, issued, state, created_ms, updated_ms) VALUES ($1, $2, $3, $4, 0, 'running', $5, $5) ON CONFLICT (id) DO NOTHING",
        [j.id, j.staffId, j.fileName, j.total, j.createdMs],
      )) === 1,
    get: async (id) => {
      const row = await first<RosterJobRow>(sql, 'SELECT * FROM roster_jobs WHERE id = $1', [id]);
      return row && rosterJobFromRow(row);
    },
    list: async (limit) => (await rows<RosterJobRow>(sql, 'SELECT * FROM roster_jobs ORDER BY created_ms DESC, id LIMIT $1', [limit])).map(rosterJobFromRow),
    progress: async (id, subs, atMs) => {
      const row = await first<RosterJobRow>(sql, 'SELECT * FROM roster_jobs WHERE id = $1 FOR UPDATE', [id]);
      if (row === undefined || row.state !== 'running' || row.issued + subs.length > row.total) return false;
      for (const [i, sub] of subs.entries()) await sql.query('INSERT INTO roster_job_cards(job_id, pos, sub) VALUES ($1, $2, $3)', [id, row.issued + i, sub]);
      await sql.query('UPDATE roster_jobs SET issued = issued + $1, updated_ms = $2 WHERE id = $3', [subs.length, atMs, id]);
      return true;
    },
    finish: async (id, state, error, atMs) =>
      (await changes(sql, "UPDATE roster_jobs SET state = $1, error = $2, updated_ms = $3, finished_ms = $3 WHERE id = $4 AND state = 'running'", [state, error, atMs, id])) === 1,
    cards: async (id) => (await rows<{ sub: string }>(sql, 'SELECT sub FROM roster_job_cards WHERE job_id = $1 ORDER BY pos', [id])).map((r) => r.sub),
    failStale: (beforeMs, error, atMs) =>
      changes(sql, "UPDATE roster_jobs SET state = 'failed', error = $1, updated_ms = $2, finished_ms = $2 WHERE state = 'running' AND updated_ms < $3", [error, atMs, beforeMs]),
  };
}
