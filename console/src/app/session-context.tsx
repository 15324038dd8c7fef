import { createContext, useContext } from 'react';
import type { SessionView } from '../../../shared/console/console-api.js';

/** The signed-in session: who, and the CSRF token every change repeats. */
export const SessionContext = createContext<SessionView | undefined>(undefined);

/** The session (pages render only inside a signed-in shell). */
export function useSession(): SessionView {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('console: a page rendered outside the signed-in shell');
  return session;
}
