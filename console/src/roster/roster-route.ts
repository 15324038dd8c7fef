import { useEffect, useState } from 'react';

/** The roster import's addresses under the cards page: `#/cards/roster`, and one job `#/cards/roster/JOB` (a reload re-reads the job). */
export const ROSTER_HASH = '#/cards/roster';
export const rosterJobHash = (id: string): string => `${ROSTER_HASH}/${id}`;

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type RosterRoute = { kind: 'none' } | { kind: 'roster' } | { kind: 'job'; id: string };

/** What the address names: not the roster, the roster page, or one job (an id that is no job id shows the roster page). */
export function rosterRoute(hash: string): RosterRoute {
  if (hash !== ROSTER_HASH && !hash.startsWith(`${ROSTER_HASH}/`)) return { kind: 'none' };
  const id = hash.slice(ROSTER_HASH.length + 1).toLowerCase();
  return JOB_ID.test(id) ? { kind: 'job', id } : { kind: 'roster' };
}

/** The address's hash, following its changes. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return hash;
}
