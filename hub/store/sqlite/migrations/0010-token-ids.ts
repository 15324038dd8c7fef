/**
 * Request-token ids (`jti`) a hub has taken, each kept until its token can no longer be
 * accepted (README "Terminal authentication"): in the store, so several hub processes on one
 * database refuse a replay alike, and a restart forgets none. Rows past `keep_until` are pruned.
 */
export const migration0010 = `
CREATE TABLE token_ids (
  terminal_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  keep_until INTEGER NOT NULL,
  PRIMARY KEY (terminal_id, jti)
) WITHOUT ROWID;
CREATE INDEX token_ids_by_terminal_until ON token_ids(terminal_id, keep_until);
CREATE INDEX token_ids_until ON token_ids(keep_until);
`;
