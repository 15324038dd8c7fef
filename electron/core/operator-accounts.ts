import type { OperatorView, Role } from '../../shared/api/api-types.js';
import { err, ok, type Result } from '../../shared/result.js';
import { DECOY_PIN_HASH, hashPin, pinMatches } from './crypto/pin-hash.js';
import type { Terminal } from './terminal.js';

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
/** An operator id: short, typeable on a counter keypad. */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Why a sign-in failed: a wrong PIN (with the tries left), a lockout (until when), or the
 * right PIN of a supervisor whose PIN is under the 6-digit floor (set before the floor was raised).
 */
export type SignInFailure = { code: 'BAD_PIN'; attemptsLeft: number } | { code: 'LOCKED_OUT'; retryAtMs: number } | { code: 'PIN_TOO_SHORT' };

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
  const { stores } = terminal;
  const added = stores.transaction(() => {
    if (!stores.operators.add({ id: op.id, name, role: op.role, pinHash, createdMs: terminal.now() })) return false;
    stores.audit.append('settings', terminal.now(), { operator: { action: 'add', id: op.id, name, role: op.role } });
    return true;
  });
  return added ? ok({ id: op.id, name, role: op.role }) : err('EXISTS');
}

/** Replaces an operator's PIN and lifts a lockout; false for an unknown id or a PIN under the role's floor. */
export async function resetOperatorPin(terminal: Terminal, id: string, pin: string): Promise<boolean> {
  const role = terminal.stores.operators.get(id)?.role;
  if (role === undefined || !pinAllowed(role, pin)) return false;
  const pinHash = await hashPin(pin);
  const { stores } = terminal;
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
 * decoy: a stranger gets the same answers, with the same timing, for any id.
 */
export async function checkOperatorPin(terminal: Terminal, id: string, pin: string, nowMs: number): Promise<Result<OperatorView, SignInFailure>> {
  const operators = terminal.stores.operators;
  const limits = { nowMs, maxFailures: MAX_PIN_FAILURES, lockUntilMs: nowMs + LOCKOUT_MS };
  const reserved = operators.reserveAttempt(id, limits);
  if (reserved.locked) return err({ code: 'LOCKED_OUT', retryAtMs: reserved.lockedUntilMs });
  const operator = operators.get(id);
  const matches = await pinMatches(pin, operator?.pinHash ?? DECOY_PIN_HASH);
  if (operator === undefined || !matches) {
    const after = operators.settleFailure(id, limits);
    if (after.locked) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
    return err({ code: 'BAD_PIN', attemptsLeft: MAX_PIN_FAILURES - after.failedAttempts });
  }
  const after = operators.settleSuccess(id, nowMs);
  if (after.locked) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
  // A supervisor PIN from before the 6-digit floor: right, but no longer enough to open settings.
  if (!pinAllowed(operator.role, pin)) return err({ code: 'PIN_TOO_SHORT' });
  return ok({ id: operator.id, name: operator.name, role: operator.role });
}
