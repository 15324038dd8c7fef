import type { Companions } from '../../shared/relations.js';
import type { Result } from '../../shared/result.js';
import type { RecordErrorCode, RecordedUse, Terminal, VerifiedDecision } from './terminal.js';

/** A card scanned at the counter, as the counter's mode asks for it. */
export interface CounterScan {
  token: string;
  service: string;
  beneficiary?: string | undefined;
  /** Companions the operator counted (an unattended gate ignores them). */
  companions: Companions;
  /** The counter is an unattended gate: it records an accepted holder by itself. */
  gateMode: boolean;
  /** Who is signed in, kept in the use's audit entry. */
  operator?: string;
}

/** A verdict, and in gate mode what the automatic record did (null: nothing to record). */
export interface CounterVerdict {
  verified: VerifiedDecision;
  /** The use recorded by itself, or why it could not be: the gate must then stay shut and say so. */
  autoRecord: Result<RecordedUse, RecordErrorCode> | null;
}

/**
 * Verifies a card at this counter. An unattended gate admits the holder alone (nobody is
 * there to count companions, or to ask for a ticket or a parent: Art. 18, 22) and records
 * an accept at once; the gate may open only for a use durably recorded, so a refused record
 * is returned, never dropped.
 */
export function verifyAtCounter(terminal: Terminal, scan: CounterScan): CounterVerdict {
  const companions = scan.gateMode ? {} : scan.companions;
  const verified = terminal.verify({ token: scan.token.trim(), service: scan.service, atMs: terminal.now(), companions, beneficiary: scan.beneficiary });
  if (!scan.gateMode || verified.decision.decision !== 'accept') return { verified, autoRecord: null };
  const operator = scan.operator === undefined ? {} : { operator: scan.operator };
  return { verified, autoRecord: terminal.record(verified.id, { companions: {}, ...operator }) };
}
