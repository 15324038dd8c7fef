import { MAX_REVOCATION_STEP } from './bundle-schemas.js';

/** Why a counter step is refused (DESIGN.md §5 "Bounded steps"). */
export interface StepProblem {
  code: 'REPLAY' | 'TOO_FAR' | 'GAP';
  message: string;
}

/**
 * Checks a counter step: newer than `lower`, at most `maxStep` beyond it (§5 "Bounded steps").
 * One home for terminals (import) and the hub (relay), so the hub never passes on what terminals refuse.
 */
export function stepProblem(what: string, next: number, lower: number, maxStep: number): StepProblem | undefined {
  if (next <= lower) return { code: 'REPLAY', message: `${what} ${next} is not newer than the held ${lower}` };
  if (next > lower + maxStep) return { code: 'TOO_FAR', message: `${what} ${next} is more than ${maxStep} beyond the held ${lower}` };
  return undefined;
}

/**
 * Checks a revocation list against the sequence held: newer than `max(held, floor)` (`floor`:
 * one below a reset's `revocations_from`), a bounded step beyond it, and a delta (`base` > 0)
 * only on top of exactly the sequence held.
 */
export function revocationStepProblem(bundle: { seq: number; base: number }, held: number, floor = 0): StepProblem | undefined {
  const step = stepProblem('sequence', bundle.seq, Math.max(held, floor), MAX_REVOCATION_STEP);
  if (step !== undefined) return step;
  if (bundle.base !== 0 && bundle.base !== held) return { code: 'GAP', message: `delta applies on top of sequence ${bundle.base}, but ${held} is held` };
  return undefined;
}
