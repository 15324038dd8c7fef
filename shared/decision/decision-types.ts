import type { ReasonCode, WarningCode } from '../reason-codes.js';
import type { Companions } from '../relations.js';
import type { CardClaims, CardSummary } from '../token/card-claims.js';

/** Quota figures of §7, before this use. */
export interface QuotaView {
  limit: number;
  used: number;
  remaining: number;
  /** End of the current period (+08:00), or null for a lifetime quota or an ended benefit. */
  period_end: string | null;
  /** Whole-benefit limit and uses (eldercare: 36 claims per parent). */
  total_limit?: number;
  total_used?: number;
}

/** A verification outcome: exactly the JSON shape of §7. */
export interface Decision {
  decision: 'accept' | 'reject';
  reasons: ReasonCode[];
  warnings: WarningCode[];
  service: string;
  card: CardSummary | null;
  quota: QuotaView | null;
}

/** What the counter asked: one card, one service, at one instant. */
export interface DecisionRequest {
  token: string;
  service: string;
  /** Evaluation instant (UTC ms): the clock, or `--at`. */
  atMs: number;
  /** The real system clock (UTC ms), for CLOCK_SUSPECT only. */
  nowMs: number;
  companions: Companions;
  /** The parent a claim is for (eldercare). */
  beneficiary?: string | undefined;
}

/** A decision with what recording it needs: the validated claims when the card got that far. */
export interface Evaluation {
  decision: Decision;
  claims: CardClaims | null;
}
