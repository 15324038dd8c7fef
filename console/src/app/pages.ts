import type { StaffRole } from '../../../shared/console/console-api.js';

/** The console's pages, in the navigation's order. */
export const PAGE_IDS = ['overview', 'cards', 'usage', 'flags', 'terminals', 'rules', 'keys', 'staff', 'staff-log'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** Who sees each page in the navigation (the API refuses the others anyway: hub/console/*-routes.ts). */
const PAGE_ROLES: { readonly [P in PageId]: readonly StaffRole[] } = {
  overview: ['admin', 'officer', 'auditor'],
  cards: ['admin', 'officer', 'auditor'],
  usage: ['admin', 'officer', 'auditor'],
  flags: ['admin', 'officer', 'auditor'],
  terminals: ['admin', 'officer', 'auditor'],
  rules: ['admin', 'officer', 'auditor'],
  keys: ['admin', 'auditor'],
  staff: ['admin'],
  'staff-log': ['admin', 'auditor'],
};

/** The pages a role sees, in order. */
export const pagesFor = (role: StaffRole): PageId[] => PAGE_IDS.filter((p) => PAGE_ROLES[p].includes(role));

/** The page the address names (`#/staff-log`, or a place inside one: `#/cards/roster/JOB`), if this role may see it; else the role's first page. */
export function pageFromHash(hash: string, role: StaffRole): PageId | undefined {
  const allowed = pagesFor(role);
  const named = allowed.find((p) => hash === `#/${p}` || hash.startsWith(`#/${p}/`));
  return named ?? allowed[0];
}
