/** Request-token ids a hub has taken, shared by every hub process on the database (SQLite migration 0010). */
export const pgMigration0005 = `
CREATE TABLE token_ids (
  terminal_id TEXT COLLATE "C" NOT NULL,
  jti TEXT COLLATE "C" NOT NULL,
  keep_until BIGINT NOT NULL,
  PRIMARY KEY (terminal_id, jti)
);
CREATE INDEX token_ids_by_terminal_until ON token_ids(terminal_id, keep_until);
CREATE INDEX token_ids_until ON token_ids(keep_until);
`;
