/** First schema: trust, revocations, bundles, decisions, usage, audit log, settings. */
export const migration0001 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE issuers (iss TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE issuer_keys (
  iss TEXT NOT NULL REFERENCES issuers(iss) ON DELETE CASCADE,
  kid TEXT NOT NULL,
  jwk TEXT NOT NULL,
  PRIMARY KEY (iss, kid)
) WITHOUT ROWID;

-- One current revocation list per issuer, with its sequence (§5).
CREATE TABLE revocation_lists (
  iss TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  iat_ms INTEGER NOT NULL,
  imported_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE revocations (
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  at TEXT,
  reason TEXT,
  seq INTEGER NOT NULL,
  PRIMARY KEY (iss, sub)
) WITHOUT ROWID;

-- Versioned bundles (jinka/rules, jinka/trust): the version held and the body in force.
CREATE TABLE bundles (
  typ TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  iat_ms INTEGER NOT NULL,
  imported_ms INTEGER NOT NULL,
  body TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  real_ms INTEGER NOT NULL,
  service TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT,
  iss TEXT,
  sub TEXT,
  nbf_ms INTEGER,
  beneficiary TEXT,
  companions TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX decisions_at ON decisions(at_ms);

-- Recorded uses. seq orders them for export and upload; decision_id makes recording idempotent.
CREATE TABLE usage (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  decision_id TEXT NOT NULL UNIQUE,
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  tier TEXT NOT NULL,
  service TEXT NOT NULL,
  beneficiary TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL,
  real_ms INTEGER NOT NULL,
  companions TEXT NOT NULL,
  ticket TEXT,
  audit_seq INTEGER NOT NULL
);
CREATE INDEX usage_card ON usage(iss, sub, service, beneficiary, at_ms);

-- Hash-chained audit log: each entry carries the hash of the one before.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;
