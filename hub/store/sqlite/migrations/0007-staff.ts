/**
 * The bureau console (README "The bureau's console"): staff accounts (scrypt password hashes,
 * TOTP secrets encrypted under a key derived from the sealed hub secret), failed sign-in
 * attempts per typed id (known or not), sessions (the token's SHA-256 only) and the staff log,
 * append-only and hash-chained like a terminal's audit log. The triggers stop an accidental
 * edit; the chain is what detects a deliberate one.
 */
export const migration0007 = `
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'auditor')),
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  disabled_ms INTEGER,
  totp_sealed TEXT,
  totp_pending_sealed TEXT,
  totp_last_step INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE staff_attempts (
  staff_id TEXT PRIMARY KEY,
  failed INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  idle_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  address TEXT NOT NULL,
  restricted INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);
CREATE TABLE staff_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  staff_id TEXT,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER staff_log_no_update BEFORE UPDATE ON staff_log BEGIN SELECT RAISE(ABORT, 'the staff log is append-only'); END;
CREATE TRIGGER staff_log_no_delete BEFORE DELETE ON staff_log BEGIN SELECT RAISE(ABORT, 'the staff log is append-only'); END;
`;
