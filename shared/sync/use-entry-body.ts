import type { Companions } from '../relations.js';

/**
 * A use as a terminal records it: the body of its 'use' audit entry (electron/core/terminal.ts
 * `record`), which the hub reads back from an upload (hub/usage/use-body.ts).
 */
export interface UseEntryBody {
  id: string;
  decisionId: string;
  iss: string;
  sub: string;
  tier: string;
  service: string;
  beneficiary: string;
  atMs: number;
  realMs: number;
  companions: Companions;
  ticket: string | null;
  /** The operator who confirmed the use, when recorded through the counter API (absent from the CLI). */
  operator?: string;
  /**
   * The card token's nbf and exp (NumericDate, seconds), so the hub can bound the use's stamp by
   * the validity of a card it never saw issued (another issuer's). Absent from older terminals.
   */
  nbf?: number;
  exp?: number;
}
