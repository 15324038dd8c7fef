import type { VerifyView } from '../../../shared/api/api-types.js';
import { REASON_GROUP } from '../../../shared/reason-codes.js';

/** §6 groups 1–8 judge the card itself; from group 9 on (quota, companions) the answer depends on the parent. */
const LAST_CARD_GROUP = 8;

/**
 * True when an eldercare-style verdict still needs the parent (Art. 22: quotas are per parent),
 * so neither 通过 nor a quota rejection may be shown before the operator has entered one.
 */
export function awaitsBeneficiary(view: VerifyView, verifiedWith: string | null): boolean {
  return verifiedWith === null && dependsOnParent(view);
}

/** True when the verdict would change with the other parent (an accept, or a per-parent quota rejection). */
export function dependsOnParent(view: VerifyView): boolean {
  if (!view.requiresBeneficiary) return false;
  if (view.decision.decision === 'accept') return true;
  const reason = view.decision.reasons[0];
  return reason !== undefined && REASON_GROUP[reason] > LAST_CARD_GROUP;
}

/** What the verdict screen shows in its banner. */
export function shownVerdict(view: VerifyView, verifiedWith: string | null): 'accept' | 'reject' | 'pending' {
  return awaitsBeneficiary(view, verifiedWith) ? 'pending' : view.decision.decision;
}
