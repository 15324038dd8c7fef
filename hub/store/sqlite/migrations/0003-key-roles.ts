/**
 * Key roles (DESIGN.md §5 "Key usage"): a trust key signs only trust bundles; a compromised key
 * signs nothing again and is published nowhere.
 */
export const migration0003 = `
ALTER TABLE signing_keys ADD COLUMN role TEXT NOT NULL DEFAULT 'signing' CHECK (role IN ('signing', 'trust'));
ALTER TABLE signing_keys ADD COLUMN compromised_ms INTEGER;
`;
