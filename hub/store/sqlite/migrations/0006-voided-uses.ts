/**
 * Gate mode (README "Counter hardware"): a terminal whose gate never opened voids the recorded
 * use with an appended `void` audit entry. The hub marks that use (and its carried copies)
 * `refused = 'VOIDED'`, so every count that skips refused uses skips it too; the row moves to a
 * new cursor so the quota feed tells other venues. A void whose use has not arrived yet (the
 * terminal's log came out of order) waits here until the use arrives or the terminal's chain up
 * to the void is complete (then it is flagged BAD_VOID).
 */
export const migration0006 = `
CREATE TABLE pending_voids (
  terminal_id TEXT NOT NULL,
  audit_seq INTEGER NOT NULL,
  use_id TEXT NOT NULL,
  PRIMARY KEY (terminal_id, audit_seq)
) WITHOUT ROWID;
CREATE INDEX pending_voids_use ON pending_voids(use_id);
`;
