/** First hub schema: keys, cards, revocations, bundles, terminals, uploaded audit entries, uses and flags. */
export const migration0001 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- The bureau's ES256 keys. The private key is sealed under the hub passphrase (scrypt + AES-256-GCM);
-- last_card_exp keeps the public key in the trust list until the last card it signed has expired.
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  iss TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  sealed_private TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 0,
  last_card_exp INTEGER NOT NULL DEFAULT 0,
  retired_ms INTEGER
) WITHOUT ROWID;

-- Issuers whose public keys the trust list carries but whose private keys the hub never holds (sd-hrss).
CREATE TABLE foreign_issuers (iss TEXT PRIMARY KEY, name TEXT NOT NULL, keys TEXT NOT NULL) WITHOUT ROWID;

-- Issued cards. No full ID number is kept: id_hmac is HMAC-SHA256(hub secret, ID number), to find a
-- holder's current card; masked_name and idt are what the token itself shows.
CREATE TABLE cards (
  sub TEXT PRIMARY KEY,
  serial INTEGER NOT NULL UNIQUE,
  iss TEXT NOT NULL,
  kid TEXT NOT NULL,
  tier TEXT NOT NULL,
  cat INTEGER NOT NULL,
  masked_name TEXT NOT NULL,
  idt TEXT NOT NULL,
  id_hmac TEXT NOT NULL,
  iat INTEGER NOT NULL,
  nbf INTEGER NOT NULL,
  exp INTEGER NOT NULL,
  token TEXT NOT NULL,
  issued_ms INTEGER NOT NULL,
  replaces TEXT,
  replaced_by TEXT,
  revoked_ms INTEGER,
  revoke_reason TEXT
);
CREATE INDEX cards_holder ON cards(id_hmac);

-- Revocation sequence per issuer (§5): every revoke, re-issue or heartbeat bumps it.
CREATE TABLE revocation_heads (iss TEXT PRIMARY KEY, seq INTEGER NOT NULL, bumped_ms INTEGER NOT NULL) WITHOUT ROWID;
-- When each sequence was made: a terminal cannot have imported it earlier, which bounds its clock from below.
CREATE TABLE revocation_seqs (iss TEXT NOT NULL, seq INTEGER NOT NULL, created_ms INTEGER NOT NULL, PRIMARY KEY (iss, seq)) WITHOUT ROWID;
CREATE TABLE revocations (
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (iss, sub)
) WITHOUT ROWID;
CREATE INDEX revocations_seq ON revocations(iss, seq);

-- Every version of jinka/rules and jinka/trust with its signed bundle.
CREATE TABLE versioned_bundles (
  typ TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  jws TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (typ, version)
);

-- Revocation bundles of other issuers (the province), passed on verbatim.
CREATE TABLE relayed_bundles (
  iss TEXT NOT NULL,
  seq INTEGER NOT NULL,
  base INTEGER NOT NULL,
  jws TEXT NOT NULL,
  PRIMARY KEY (iss, seq)
);

-- One-time enrolment codes; only their SHA-256 is kept.
CREATE TABLE enrol_codes (
  code_hash TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  service TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  used_ms INTEGER,
  terminal_id TEXT
) WITHOUT ROWID;

CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  service TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  enrolled_ms INTEGER NOT NULL,
  disabled_ms INTEGER,
  disabled_reason TEXT,
  last_seen_ms INTEGER,
  clock_offset_ms INTEGER,
  cursor INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Uploaded audit entries, each (terminal, seq) once. hash_ok: the entry's own hash checks;
-- link_ok: its prev_hash matches the entry before (NULL while that one has not arrived).
CREATE TABLE audit_entries (
  terminal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  hash_ok INTEGER NOT NULL,
  link_ok INTEGER,
  received_ms INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, seq)
);

-- Uses taken from 'use' entries. cursor orders them for GET /v1/quota (uses are never deleted, so it only
-- grows). A carried row repeats a use of a replaced card under its successor (Art. 34 re-issue), so quotas
-- follow the holder, not the plastic.
CREATE TABLE uses (
  cursor INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  terminal_id TEXT,
  audit_seq INTEGER,
  site TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  tier TEXT NOT NULL,
  service TEXT NOT NULL,
  beneficiary TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  real_ms INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  companions TEXT NOT NULL,
  companions_total INTEGER NOT NULL,
  ticket TEXT,
  carried_from TEXT,
  over_quota INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX uses_card ON uses(iss, sub, service, beneficiary, cursor);
CREATE INDEX uses_card_time ON uses(iss, sub, at_ms);

-- What the bureau should look at: over quota, chain breaks, two sites too close, clocks far off.
CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  terminal_id TEXT,
  iss TEXT,
  sub TEXT,
  use_id TEXT,
  audit_seq INTEGER,
  at_ms INTEGER,
  created_ms INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX flags_kind ON flags(kind, id);
`;
