/**
 * How many audit entries each terminal said it still had to upload, as it said at its last
 * bundle request (README "The bureau's console", Terminals): NULL until it says so once.
 */
export const migration0013 = `
ALTER TABLE terminals ADD COLUMN pending_uploads INTEGER;
`;
