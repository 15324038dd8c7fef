/** Roster imports from the console: the jobs and the cards each issued (SQLite migration 0008). */
export const pgMigration0003 = `
CREATE TABLE roster_jobs (
  id TEXT COLLATE "C" PRIMARY KEY,
  staff_id TEXT COLLATE "C" NOT NULL,
  file_name TEXT NOT NULL,
  total INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  error TEXT,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL,
  finished_ms BIGINT
);
CREATE INDEX roster_jobs_created ON roster_jobs(created_ms);
CREATE TABLE roster_job_cards (
  job_id TEXT COLLATE "C" NOT NULL REFERENCES roster_jobs(id),
  pos INTEGER NOT NULL,
  sub TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (job_id, pos)
);
`;
