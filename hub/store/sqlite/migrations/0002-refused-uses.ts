/**
 * A use the hub refused (unknown or revoked card, a service the terminal is not enrolled for,
 * a tier not entitled, over quota) stays stored so the bureau sees what the terminal claimed,
 * but `refused` (the reason code) keeps it out of the quota feed, quota counts and reports.
 * Uses flagged over quota before this migration are refused the same way.
 */
export const migration0002 = `
ALTER TABLE uses ADD COLUMN refused TEXT;
UPDATE uses SET refused = 'OVER_QUOTA' WHERE over_quota = 1;
`;
