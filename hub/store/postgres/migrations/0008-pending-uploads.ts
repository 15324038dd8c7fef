/** How many audit entries each terminal still had to upload, as it last said (SQLite migration 0013). */
export const pgMigration0008 = `
ALTER TABLE terminals ADD COLUMN pending_uploads BIGINT;
`;
