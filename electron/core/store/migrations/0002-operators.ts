/**
 * Counter operators and supervisors who sign in with a PIN. The PIN is kept only as a
 * salted scrypt hash; failures and the lockout are stored so a restart does not reset them.
 */
export const migration0002 = `
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL
) WITHOUT ROWID;
`;
