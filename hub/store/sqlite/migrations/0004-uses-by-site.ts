/**
 * The two-site check (hub/usage/use-flags.ts) asks, per stored use, for a use of the same card
 * at another site within 30 minutes: by card, site and time it is a few index steps per site,
 * however many uses a replayed backlog holds at one site.
 */
export const migration0004 = `
CREATE INDEX uses_card_site_time ON uses(iss, sub, site, at_ms);
`;
