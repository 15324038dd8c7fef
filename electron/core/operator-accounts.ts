import type { OperatorView, Role } from '../../shared/api/api-types.js';
import { OPERATOR_ID_PATTERN } from '../../shared/operator-id.js';
import { err, ok, type Result } from '../../shared/result.js';
import { DECOY_PIN_HASH, hashPin, pinMatches } from './crypto/pin-hash.js';
import { storesOf, type Terminal } from './terminal.js';

/** Consecutive wrong PINs after which an operator is locked out. */
export const MAX_PIN_FAILURES = 5;
/** How long a lockout lasts. */
export const LOCKOUT_MS = 5 * 60_000;
/** A PIN as typed at sign-in: 4 to 12 digits (the sign-in call's rule; older supervisors' PINs included). */
export const PIN_PATTERN = /^\d{4,12}$/;
/** The shortest PIN each role may be given: a supervisor changes settings, so 6 digits (10^6 guesses, not 10^4). */
export const MIN_PIN_DIGITS: Readonly<Record<Role, number>> = { operator: 4, supervisor: 6 };

/** True when `pin` is a PIN a `role` may be given: digits only, at least the role's floor, at most 12. */
export function pinAllowed(role: Role, pin: string): boolean {
  return PIN_PATTERN.test(pin) && pin.length >= MIN_PIN_DIGITS[role];
}
export { OPERATOR_ID_PATTERN };

/**
 * Why a sign-in failed: a wrong PIN (with the tries left) or a lockout (until when). The right
 * PIN of a supervisor under the 6-digit floor (set before the floor was raised) is a wrong PIN
 * too: answering it apart would confirm a 4-digit guess. `jinka operator pin` sets a new one.
 */
export type SignInFailure = { code: 'BAD_PIN'; attemptsLeft: number } | { code: 'LOCKED_OUT'; retryAtMs: number };

/** Why an operator could not be added. */
export type AddOperatorError = 'INVALID_ID' | 'INVALID_PIN' | 'INVALID_NAME' | 'EXISTS';

/** Adds an operator with a salted scrypt hash of the PIN; audited as a settings change (the PIN never is). */
export async function addOperator(
  terminal: Terminal,
  op: { id: string; name: string; role: Role; pin: string },
): Promise<Result<OperatorView, AddOperatorError>> {
  const name = op.name.trim();
  if (!OPERATOR_ID_PATTERN.test(op.id)) return err('INVALID_ID');
  if (name === '' || [...name].length > 64) return err('INVALID_NAME');
  if (!pinAllowed(op.role, op.pin)) return err('INVALID_PIN');
  const pinHash = await hashPin(op.pin);
  const stores = storesOf(terminal);
  const added = stores.transaction(() => {
    if (!stores.operators.add({ id: op.id, name, role: op.role, pinHash, createdMs: terminal.now() })) return false;
    stores.audit.append('settings', terminal.now(), { operator: { action: 'add', id: op.id, name, role: op.role } });
    return true;
  });
  return added ? ok({ id: op.id, name, role: op.role }) : err('EXISTS');
}

/** Replaces an operator's PIN and lifts a lockout; false for an unknown id or a PIN under the role's floor. */
export async function resetOperatorPin(terminal: Terminal, id: string, pin: string): Promise<boolean> {
  const role = storesOf(terminal).operators.get(id)?.role;
  if (role === undefined || !pinAllowed(role, pin)) return false;
  const pinHash = await hashPin(pin);
  const stores = storesOf(terminal);
  return stores.transaction(() => {
    if (stores.operators.get(id)?.role !== role || !stores.operators.setPin(id, pinHash)) return false;
    stores.audit.append('settings', terminal.now(), { operator: { action: 'reset-pin', id } });
    return true;
  });
}

/**
 * Checks an operator's PIN at `nowMs`. Five consecutive failures lock the operator out
 * for five minutes; while locked even the right PIN is refused. The attempt is counted
 * before the PIN is hashed and the lockout looked at again after, so parallel attempts
 * (IPC and the HTTP bridge both end here) get at most five hashings between lockouts.
 * Attempts are counted per typed id, known or not, and an unknown id is hashed against a
 * decoy: a stranger gets the same answers, with the same timing, for any id. Locks are timed
 * on `monoMs` (a monotonic clock) in this process, so changing the wall clock cannot lift one
 * early or stretch it (OperatorStore). A right PIN under the role's floor counts as a failure.
 */
export async function checkOperatorPin(
  terminal: Terminal,
  id: string,
  pin: string,
  nowMs: number,
  monoMs: number = performance.now(),
): Promise<Result<OperatorView, SignInFailure>> {
  const operators = storesOf(terminal).operators;
  const limits = { nowMs, monoMs, maxFailures: MAX_PIN_FAILURES, lockMs: LOCKOUT_MS };
  const reserved = operators.reserveAttempt(id, limits);
  if (reserved.locked) return err({ code: 'LOCKED_OUT', retryAtMs: reserved.lockedUntilMs });
  const operator = operators.get(id);
  const matches = await pinMatches(pin, operator?.pinHash ?? DECOY_PIN_HASH);
  // A supervisor PIN from before the 6-digit floor is settled as wrong: it no longer opens settings.
  if (operator === undefined || !matches || !pinAllowed(operator.role, pin)) {
    const after = operators.settleFailure(id, limits);
    if (after.locked) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
    return err({ code: 'BAD_PIN', attemptsLeft: MAX_PIN_FAILURES - after.failedAttempts });
  }
  const after = operators.settleSuccess(id, limits);
  if (after.locked) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
  return ok({ id: operator.id, name: operator.name, role: operator.role });
}

/** The role of operator `id`, undefined when there is none (for the terminal's owner at the CLI; sign-in never says). */
export function operatorRole(terminal: Terminal, id: string): Role | undefined {
  return storesOf(terminal).operators.get(id)?.role;
}

/** Every operator with any lockout, for `jinka operator list` (no PIN hashes leave the core). */
export function listOperators(terminal: Terminal): { id: string; name: string; role: Role; lockedUntilMs: number }[] {
  return storesOf(terminal).operators.list().map((o) => ({ id: o.id, name: o.name, role: o.role, lockedUntilMs: o.lockedUntilMs }));
}

/** True once anyone can sign in at this terminal. */
export function hasOperators(terminal: Terminal): boolean {
  return storesOf(terminal).operators.count() > 0;
}

/** Audits a sign-in or sign-out (who worked the counter and when is part of the record). */
export function auditSession(terminal: Terminal, atMs: number, body: { event: 'sign-in' | 'sign-out'; operator: string; reason?: string }): void {
  storesOf(terminal).transaction(() => storesOf(terminal).audit.append('session', atMs, body));
}
