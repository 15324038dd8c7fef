import type { Rules, Tier } from '../../shared/rules/rules-schema.js';
import { TIERS } from '../../shared/rules/rules-schema.js';
import { normalizeIdNumber, normalizeName } from '../../shared/console/card-holder-checks.js';

/** The checks on name and ID number live in shared/ (the console's page runs them too). */
export { idNumberProblem, nameProblem, normalizeIdNumber, normalizeName } from '../../shared/console/card-holder-checks.js';

/**
 * The masked name the token shows for the ID check (Art. 33), never the full name:
 * three characters or more keep the first and the last (张*明, 欧*锋), two keep the first (张*).
 */
export function maskName(name: string): string {
  const chars = [...normalizeName(name).replace(/ /g, '')];
  if (chars.length === 0) throw new Error('cannot mask an empty name');
  if (chars.length <= 2) return `${chars[0] as string}*`;
  return `${chars[0] as string}*${chars[chars.length - 1] as string}`;
}

/** The four-character ID tail the token carries (`idt`, §4). */
export function idTail(idNumber: string): string {
  return normalizeIdNumber(idNumber).slice(-4);
}

/**
 * The card tier for a talent category (Art. 31): the tier whose categories in the rules in
 * force include it — by default 1, 2 → A; 3 → B; 4, 5 → C.
 */
export function tierForCategory(rules: Rules, category: number): Tier | undefined {
  return TIERS.find((tier) => rules.tiers[tier].categories.includes(category));
}
