/**
 * First PostgreSQL hub schema: the SQLite schema as of its migration 0006 (hub/store/sqlite/migrations),
 * in PostgreSQL's types. Times are BIGINT milliseconds (UTC instants) as on SQLite; text that is
 * compared or ordered uses the "C" collation, so orders match SQLite's byte order whatever the
 * database's locale. Where SQLite relied on its one writer, a constraint or a lock holds the rule:
 * (terminal_id, seq) and uses.id unique; card serials from a counter row bumped in the allocating
 * transaction; the quota feed's cursor from `use_cursor` taken under a transaction-scoped lock
 * (hub/store/postgres/pg-use-repo.ts), so cursors become visible in commit order.
 */
export const pgMigration0001 = `
CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);

-- Counters bumped inside the transaction that uses them (the row lock is held to commit).
CREATE TABLE counters (name TEXT COLLATE "C" PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters(name, value) VALUES ('card_serial', 0);

CREATE TABLE signing_keys (
  kid TEXT COLLATE "C" PRIMARY KEY,
  iss TEXT COLLATE "C" NOT NULL,
  public_jwk TEXT NOT NULL,
  sealed_private TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  is_current BOOLEAN NOT NULL DEFAULT FALSE,
  last_card_exp BIGINT NOT NULL DEFAULT 0,
  retired_ms BIGINT,
  role TEXT NOT NULL DEFAULT 'signing' CHECK (role IN ('signing', 'trust')),
  compromised_ms BIGINT
);

CREATE TABLE foreign_issuers (iss TEXT COLLATE "C" PRIMARY KEY, name TEXT NOT NULL, keys TEXT NOT NULL, registered_ms BIGINT);

CREATE TABLE cards (
  sub TEXT COLLATE "C" PRIMARY KEY,
  serial BIGINT NOT NULL UNIQUE,
  iss TEXT COLLATE "C" NOT NULL,
  kid TEXT COLLATE "C" NOT NULL,
  tier TEXT COLLATE "C" NOT NULL,
  cat INTEGER NOT NULL,
  masked_name TEXT NOT NULL,
  idt TEXT NOT NULL,
  id_hmac TEXT COLLATE "C" NOT NULL,
  iat BIGINT NOT NULL,
  nbf BIGINT NOT NULL,
  exp BIGINT NOT NULL,
  token TEXT NOT NULL,
  issued_ms BIGINT NOT NULL,
  replaces TEXT COLLATE "C",
  replaced_by TEXT COLLATE "C",
  revoked_ms BIGINT,
  revoke_reason TEXT
);
CREATE INDEX cards_holder ON cards(id_hmac);

CREATE TABLE revocation_heads (iss TEXT COLLATE "C" PRIMARY KEY, seq BIGINT NOT NULL, bumped_ms BIGINT NOT NULL);
CREATE TABLE revocation_seqs (iss TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (iss, seq));
CREATE TABLE revocations (
  iss TEXT COLLATE "C" NOT NULL,
  sub TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (iss, sub)
);
CREATE INDEX revocations_seq ON revocations(iss, seq);

CREATE TABLE versioned_bundles (
  typ TEXT COLLATE "C" NOT NULL,
  version BIGINT NOT NULL,
  body TEXT NOT NULL,
  jws TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (typ, version)
);

CREATE TABLE relayed_bundles (
  iss TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  base BIGINT NOT NULL,
  jws TEXT NOT NULL,
  PRIMARY KEY (iss, seq)
);

CREATE TABLE enrol_codes (
  code_hash TEXT COLLATE "C" PRIMARY KEY,
  site TEXT COLLATE "C" NOT NULL,
  service TEXT COLLATE "C" NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  used_ms BIGINT,
  terminal_id TEXT COLLATE "C"
);

CREATE TABLE terminals (
  id TEXT COLLATE "C" PRIMARY KEY,
  site TEXT COLLATE "C" NOT NULL,
  service TEXT COLLATE "C" NOT NULL,
  public_jwk TEXT NOT NULL,
  enrolled_ms BIGINT NOT NULL,
  disabled_ms BIGINT,
  disabled_reason TEXT,
  last_seen_ms BIGINT,
  clock_offset_ms BIGINT,
  cursor BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE audit_entries (
  terminal_id TEXT COLLATE "C" NOT NULL,
  seq BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  kind TEXT COLLATE "C" NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT COLLATE "C" NOT NULL,
  hash TEXT COLLATE "C" NOT NULL,
  hash_ok BOOLEAN NOT NULL,
  link_ok BOOLEAN,
  received_ms BIGINT NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);

-- cursor orders uses for GET /v1/quota: taken from use_cursor_seq only while holding the cursor
-- lock (pg-use-repo.ts), so a reader never meets a smaller cursor committed after a larger one.
CREATE SEQUENCE use_cursor_seq;
CREATE TABLE uses (
  cursor BIGINT PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  terminal_id TEXT COLLATE "C",
  audit_seq BIGINT,
  site TEXT COLLATE "C" NOT NULL,
  decision_id TEXT NOT NULL,
  iss TEXT COLLATE "C" NOT NULL,
  sub TEXT COLLATE "C" NOT NULL,
  tier TEXT COLLATE "C" NOT NULL,
  service TEXT COLLATE "C" NOT NULL,
  beneficiary TEXT COLLATE "C" NOT NULL,
  at_ms BIGINT NOT NULL,
  real_ms BIGINT NOT NULL,
  received_ms BIGINT NOT NULL,
  companions TEXT NOT NULL,
  companions_total INTEGER NOT NULL,
  ticket TEXT,
  carried_from TEXT COLLATE "C",
  over_quota BOOLEAN NOT NULL DEFAULT FALSE,
  refused TEXT COLLATE "C",
  card_nbf BIGINT,
  card_exp BIGINT
);
CREATE INDEX uses_card ON uses(iss, sub, service, beneficiary, cursor);
CREATE INDEX uses_card_time ON uses(iss, sub, at_ms);
CREATE INDEX uses_card_site_time ON uses(iss, sub, site, at_ms);
CREATE INDEX uses_carried_from ON uses(carried_from) WHERE carried_from IS NOT NULL;

CREATE TABLE flags (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT COLLATE "C" NOT NULL,
  terminal_id TEXT COLLATE "C",
  iss TEXT COLLATE "C",
  sub TEXT COLLATE "C",
  use_id TEXT COLLATE "C",
  audit_seq BIGINT,
  at_ms BIGINT,
  created_ms BIGINT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX flags_kind ON flags(kind, id);

CREATE TABLE pending_voids (
  terminal_id TEXT COLLATE "C" NOT NULL,
  audit_seq BIGINT NOT NULL,
  use_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (terminal_id, audit_seq)
);
CREATE INDEX pending_voids_use ON pending_voids(use_id);
`;

/**
 * The bureau console (SQLite migration 0007): staff accounts, failed sign-in attempts, sessions
 * (the token's SHA-256 only) and the staff log, append-only (triggers) and hash-chained; its head
 * is the counters row 'staff_log', bumped by every append.
 */
export const pgMigration0001Staff = `
CREATE TABLE staff (
  id TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'auditor')),
  password_hash TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  disabled_ms BIGINT,
  totp_sealed TEXT,
  totp_pending_sealed TEXT,
  totp_last_step BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE staff_attempts (
  staff_id TEXT COLLATE "C" PRIMARY KEY,
  failed INTEGER NOT NULL,
  locked_until_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  staff_id TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
  created_ms BIGINT NOT NULL,
  last_seen_ms BIGINT NOT NULL,
  idle_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  address TEXT NOT NULL,
  restricted BOOLEAN NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);
CREATE TABLE staff_log (
  seq BIGINT PRIMARY KEY,
  at_ms BIGINT NOT NULL,
  staff_id TEXT COLLATE "C",
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO counters(name, value) VALUES ('staff_log', 0);
CREATE FUNCTION staff_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the staff log is append-only';
END;
$$;
CREATE TRIGGER staff_log_no_update BEFORE UPDATE OR DELETE ON staff_log FOR EACH ROW EXECUTE FUNCTION staff_log_append_only();
`;
