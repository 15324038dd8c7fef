import { createHash, randomBytes } from 'node:crypto';
import { CONSOLE_COOKIE } from '../../shared/console/console-api.js';
import type { Hub } from '../hub.js';
import type { StoredStaffSession } from '../store/hub-store.js';

/** How long a console session lives: 30 minutes idle, 12 hours at most however busy (a working day). */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
/** Last-seen is written at most this often per session (a write is an fsync); idle is measured to within it. */
const TOUCH_EVERY_MS = 15_000;

/** The SHA-256 of a session token: all the database keeps, so a copy of it opens no session. */
export const sessionTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Makes a session with a fresh 256-bit token and CSRF token; the token is returned once, to go in the cookie. */
export async function openSession(
  hub: Hub,
  staffId: string,
  address: string,
  restricted: boolean,
  limits: SessionLimits,
): Promise<{ token: string; session: StoredStaffSession }> {
  const token = randomBytes(32).toString('base64url');
  const now = hub.now();
  const session: StoredStaffSession = {
    tokenHash: sessionTokenHash(token),
    staffId,
    createdMs: now,
    lastSeenMs: now,
    idleMs: limits.idleMs,
    expiresMs: now + limits.absoluteMs,
    csrfToken: randomBytes(32).toString('base64url'),
    address,
    restricted,
  };
  await hub.store.staffSessions.create(session);
  return { token, session };
}

/** The live session a token names, or undefined (unknown, ended, idle too long, past its end). */
export function liveSession(hub: Hub, token: string | undefined): Promise<StoredStaffSession | undefined> {
  if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return Promise.resolve(undefined);
  return hub.store.staffSessions.touch(sessionTokenHash(token), hub.now(), TOUCH_EVERY_MS);
}

/** The session token in a Cookie header, if any. */
export function cookieToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CONSOLE_COOKIE) return value.join('=');
  }
  return undefined;
}

/** The Set-Cookie of a new session: HttpOnly, SameSite=Strict, Path=/console, Secure under TLS, gone at the session's end. */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  return `${CONSOLE_COOKIE}=${token}; Path=/console; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie that removes the session cookie. */
export function clearedCookie(secure: boolean): string {
  return `${CONSOLE_COOKIE}=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
