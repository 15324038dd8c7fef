import type { OperatorView, Role } from '../../shared/api/api-types.js';
import { err, ok, type Result } from '../../shared/result.js';
import { DECOY_PIN_HASH, hashPin, pinMatches } from './crypto/pin-hash.js';
import type { Terminal } from './terminal.js';

/** Consecutive wrong PINs after which an operator is locked out. */
export const MAX_PIN_FAILURES = 5;
/** How long a lockout lasts. */
export const LOCKOUT_MS = 5 * 60_000;
/** A PIN: 4 to 12 digits (the same rule as the sign-in call). */
export const PIN_PATTERN = /^\d{4,12}$/;
/** An operator id: short, typeable on a counter keypad. */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Why a sign-in failed: a wrong PIN (with the tries left), or a lockout (until when). */
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
  if (!PIN_PATTERN.test(op.pin)) return err('INVALID_PIN');
  const pinHash = await hashPin(op.pin);
  const { stores } = terminal;
  const added = stores.transaction(() => {
    if (!stores.operators.add({ id: op.id, name, role: op.role, pinHash, createdMs: terminal.now() })) return false;
    stores.audit.append('settings', terminal.now(), { operator: { action: 'add', id: op.id, name, role: op.role } });
    return true;
  });
  return added ? ok({ id: op.id, name, role: op.role }) : err('EXISTS');
}

/** Replaces an operator's PIN and lifts a lockout; false for an unknown id or a malformed PIN. */
export async function resetOperatorPin(terminal: Terminal, id: string, pin: string): Promise<boolean> {
  if (!PIN_PATTERN.test(pin)) return false;
  const pinHash = await hashPin(pin);
  const { stores } = terminal;
  return stores.transaction(() => {
    if (!stores.operators.setPin(id, pinHash)) return false;
    stores.audit.append('settings', terminal.now(), { operator: { action: 'reset-pin', id } });
    return true;
  });
}

/**
 * Checks an operator's PIN at `nowMs`. Five consecutive failures lock the operator out
 * for five minutes; while locked even the right PIN is refused. An unknown id answers
 * like a wrong PIN, after the same hashing work, so ids cannot be probed.
 */
export async function checkOperatorPin(terminal: Terminal, id: string, pin: string, nowMs: number): Promise<Result<OperatorView, SignInFailure>> {
  const operators = terminal.stores.operators;
  const before = operators.get(id);
  if (before !== undefined && before.lockedUntilMs > nowMs) return err({ code: 'LOCKED_OUT', retryAtMs: before.lockedUntilMs });
  const matches = await pinMatches(pin, before?.pinHash ?? DECOY_PIN_HASH);
  if (before === undefined) return err({ code: 'BAD_PIN', attemptsLeft: MAX_PIN_FAILURES - 1 });
  if (matches) {
    operators.clearFailures(id);
    return ok({ id: before.id, name: before.name, role: before.role });
  }
  const after = operators.noteFailure(id, MAX_PIN_FAILURES, nowMs + LOCKOUT_MS);
  if (after !== undefined && after.lockedUntilMs > nowMs) return err({ code: 'LOCKED_OUT', retryAtMs: after.lockedUntilMs });
  return err({ code: 'BAD_PIN', attemptsLeft: MAX_PIN_FAILURES - (after?.failedAttempts ?? 0) });
}
