/**
 * Roster imports from the console (README "The bureau's console", Cards): one row per job with
 * its progress, so a page reload or another hub process reads it; the cards it issued in
 * `roster_job_cards`. No holder's name or ID number is kept here: the job issues from the
 * upload held in memory, and a job whose process ended is marked as stopped.
 */
export const migration0008 = `
CREATE TABLE roster_jobs (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  total INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  error TEXT,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  finished_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX roster_jobs_created ON roster_jobs(created_ms);
CREATE TABLE roster_job_cards (
  job_id TEXT NOT NULL REFERENCES roster_jobs(id),
  pos INTEGER NOT NULL,
  sub TEXT NOT NULL,
  PRIMARY KEY (job_id, pos)
) WITHOUT ROWID;
`;
