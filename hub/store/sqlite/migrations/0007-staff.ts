/** Bureau console staff, sessions and staff log (README "The bureau's console"). */
export const migration0007 = `
CREATE TABLE staff (id TEXT PRIMARY KEY);
`;
