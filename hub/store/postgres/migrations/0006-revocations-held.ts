/** The bureau's revocation sequence each terminal holds, as it last said (SQLite migration 0011). */
export const pgMigration0006 = `
ALTER TABLE terminals ADD COLUMN revocation_seq_held BIGINT;
`;
