/** One unrevoked card per holder and validity end (SQLite migration 0012 says why). */
export const pgMigration0007 = `
CREATE UNIQUE INDEX cards_one_in_force ON cards(id_hmac, exp) WHERE revoked_ms IS NULL;
`;
