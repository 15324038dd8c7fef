/**
 * The bureau's revocation sequence each terminal said it holds at its last bundle request
 * (README "The bureau's console", Terminals): NULL until it asks once after this migration.
 */
export const migration0011 = `
ALTER TABLE terminals ADD COLUMN revocation_seq_held INTEGER;
`;
