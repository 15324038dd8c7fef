/**
 * Gate output (unattended gate mode). `gate_opens` holds one row per use the gate was asked
 * to open for, written before the pulse is sent, so a use never opens the gate twice — not
 * after a retry, a second call or a restart. `voided_uses` holds the uses a gate that never
 * opened took back (each with its `void` audit entry): quotas do not count them.
 */
export const migration0005 = `
CREATE TABLE gate_opens (
  use_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('opening', 'opened', 'failed')),
  requested_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  detail TEXT
) WITHOUT ROWID;
CREATE TABLE voided_uses (
  use_id TEXT PRIMARY KEY,
  audit_seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  reason TEXT NOT NULL
) WITHOUT ROWID;
`;
