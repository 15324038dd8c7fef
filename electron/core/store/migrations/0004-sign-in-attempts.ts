/**
 * Failed sign-in attempts, kept per typed operator id whether or not such an operator
 * exists, so an unknown id is counted and locked out exactly like a real one (nothing in
 * the answer tells which ids exist). An attempt is counted here before its PIN is hashed,
 * so concurrent attempts cannot slip past the lockout. Rows idle for a day are pruned.
 * The operators table's own counters are carried over and no longer used.
 */
export const migration0004 = `
CREATE TABLE sign_in_attempts (
  operator_id TEXT PRIMARY KEY,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  updated_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sign_in_attempts_updated ON sign_in_attempts(updated_ms);
INSERT INTO sign_in_attempts(operator_id, failed_attempts, locked_until_ms, updated_ms)
  SELECT id, failed_attempts, locked_until_ms, max(created_ms, locked_until_ms) FROM operators
  WHERE failed_attempts > 0 OR locked_until_ms > 0;
`;
