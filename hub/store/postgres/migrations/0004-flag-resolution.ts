/** Flags resolved from the console: who, when and the note (SQLite migration 0009). */
export const pgMigration0004 = `
ALTER TABLE flags ADD COLUMN resolved_ms BIGINT;
ALTER TABLE flags ADD COLUMN resolved_by TEXT COLLATE "C";
ALTER TABLE flags ADD COLUMN resolution_note TEXT;
CREATE INDEX flags_open ON flags(resolved_ms, id);
`;
