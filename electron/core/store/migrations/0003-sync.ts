/**
 * Sync with the bureau's hub: enrolment, cursors and the last round's state (key/value),
 * and the uses other terminals recorded, fetched for quotas across venues (Art. 21, 22).
 */
export const migration0003 = `
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Uses recorded at other terminals, as the hub published them; one row per use id.
CREATE TABLE remote_uses (
  id TEXT PRIMARY KEY,
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  service TEXT NOT NULL,
  beneficiary TEXT NOT NULL DEFAULT '',
  at_ms INTEGER NOT NULL,
  received_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX remote_uses_card ON remote_uses(iss, sub, service, beneficiary, at_ms);
`;
