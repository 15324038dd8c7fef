/**
 * An uploaded entry's body is kept byte for byte, as SQLite keeps it, so its hash still checks:
 * PostgreSQL's text refuses U+0000, which a terminal may put in a body (a signed, hashed entry
 * the hub must store, not fail on with every retry). Stored as its UTF-8 bytes instead.
 */
export const pgMigration0002 = `
ALTER TABLE audit_entries ALTER COLUMN body TYPE BYTEA USING convert_to(body, 'UTF8');
`;
