/**
 * The checks on a holder's name and ID number, in shared/ so the console's page runs them as the
 * officer types (the ID check character) and the hub runs the same ones on what it receives
 * (hub/issue/holder-data.ts re-exports them; hub/issue/roster.ts `checkHolder` applies them).
 */

const NAME = /^[\p{L}\p{M}][\p{L}\p{M}·.,'’\- ]*$/u;

/** Normalizes a holder's name as written on the roster: trimmed, single spaces, NFC. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Why a name cannot be put on a card, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  const n = normalizeName(name);
  if (n === '') return 'name is empty';
  if ([...n].length > 64) return 'name has more than 64 characters';
  if (!NAME.test(n)) return 'name may hold letters, spaces and · . , \' - only';
  return undefined;
}

const RESIDENT_ID = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Normalizes an ID document number: no spaces or dashes, upper case (a resident ID's X). */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.trim().replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Why an ID number is refused, or undefined. An 18-character resident ID number must
 * carry a correct check character (GB 11643), which catches most typing errors; other
 * documents (passports of foreign talents) need 6–32 letters and digits.
 */
export function idNumberProblem(idNumber: string): string | undefined {
  const n = normalizeIdNumber(idNumber);
  if (!/^[A-Z0-9]{6,32}$/.test(n)) return 'ID number must have 6–32 letters and digits';
  if (RESIDENT_ID.test(n)) {
    const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(n[i]), 0);
    if (CHECK[sum % 11] !== n[17]) return 'ID number check character does not match (typing error?)';
  }
  return undefined;
}
