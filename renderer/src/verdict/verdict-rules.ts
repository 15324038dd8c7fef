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

/** Something the operator must still do before Confirm records an accepted card. */
export type ConfirmNeed = 'idCheck' | 'ticket';

/** What the verdict screen holds that Confirm depends on. */
export interface ConfirmState {
  requireIdCheck: boolean;
  idChecked: boolean;
  ticket: string;
}

/**
 * What Confirm still needs, in the order the screen asks for them: the ID tick first, then
 * the bus ticket (Art. 18 asks for the card, a valid ID and the day's ticket).
 * The live hint, the tab order and the check Confirm makes all read this one list.
 */
export function confirmNeeds(view: VerifyView, state: ConfirmState): ConfirmNeed[] {
  return [
    ...(state.requireIdCheck && !state.idChecked ? (['idCheck'] as const) : []),
    ...(view.requiresTicket && state.ticket.trim() === '' ? (['ticket'] as const) : []),
  ];
}

/** The first thing Confirm is missing (it focuses it and says so), or null when it may record. */
export function confirmMissing(view: VerifyView, state: ConfirmState): ConfirmNeed | null {
  return confirmNeeds(view, state)[0] ?? null;
}
