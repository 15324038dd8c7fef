/**
 * Flags resolved from the console (README "The bureau's console", Usage and reports): who
 * resolved one, when, and the note they left. A flag with `resolved_ms` NULL is open.
 */
export const migration0009 = `
ALTER TABLE flags ADD COLUMN resolved_ms INTEGER;
ALTER TABLE flags ADD COLUMN resolved_by TEXT;
ALTER TABLE flags ADD COLUMN resolution_note TEXT;
CREATE INDEX flags_open ON flags(resolved_ms, id);
`;
