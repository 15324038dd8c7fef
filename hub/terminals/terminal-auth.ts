import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk } from '../../electron/core/crypto/keys.js';
import { err, ok, type Result } from '../../shared/result.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import { verifyCompactEs256 } from '../crypto/compact-es256.js';
import type { Hub } from '../hub.js';
import type { StoredTerminal } from '../store/hub-store.js';

/** Authorization scheme of the sync protocol. */
export const AUTH_SCHEME = 'Jinka-Terminal';
/** Longest lifetime of a terminal's request token (protocol: exp ≤ iat + 300). */
export const MAX_TOKEN_SECONDS = 300;
/** How far a terminal's clock may be off and still sync (so it can learn the hub's time and be flagged). */
export const AUTH_CLOCK_SKEW_SECONDS = 600;

/** Why a request was not authenticated: 401 (who are you) or 403 (known, but refused). */
export interface AuthError {
  status: 401 | 403;
  code: 'AUTH_REQUIRED' | 'BAD_TOKEN' | 'UNKNOWN_TERMINAL' | 'BAD_SIGNATURE' | 'CLOCK_SKEW' | 'TERMINAL_DISABLED';
  message: string;
}

const fail = (status: AuthError['status'], code: AuthError['code'], message: string): Result<never, AuthError> => err({ status, code, message });

/** Public keys of terminals, imported once. */
export class TerminalKeys {
  private readonly keys = new Map<string, { jwk: string; key: KeyObject }>();

  keyOf(terminal: StoredTerminal): KeyObject {
    const jwk = JSON.stringify(terminal.publicJwk);
    const cached = this.keys.get(terminal.id);
    if (cached?.jwk === jwk) return cached.key;
    const key = publicKeyFromJwk(terminal.publicJwk);
    this.keys.set(terminal.id, { jwk, key });
    return key;
  }
}

/**
 * Checks `Authorization: Jinka-Terminal <jwt>`: an ES256 JWT signed with the terminal's
 * registered key, claims {sub: terminalId, iat, exp ≤ iat + 300}, valid at hub time within
 * the clock skew allowed. A disabled terminal is refused (403) once its signature verified.
 */
export async function authenticateTerminal(hub: Hub, header: string | undefined, keys: TerminalKeys): Promise<Result<StoredTerminal, AuthError>> {
  if (header === undefined || !header.startsWith(`${AUTH_SCHEME} `)) {
    return fail(401, 'AUTH_REQUIRED', `send "Authorization: ${AUTH_SCHEME} <token signed with the terminal key>"`);
  }
  const token = header.slice(AUTH_SCHEME.length + 1).trim();
  const jwt = parseCompactJwt(token);
  if (jwt === undefined || jwt.header.alg !== 'ES256') return fail(401, 'BAD_TOKEN', 'the request token is not an ES256 JWT');
  const { sub, iat, exp } = jwt.payload;
  if (typeof sub !== 'string' || !Number.isInteger(iat) || !Number.isInteger(exp)) return fail(401, 'BAD_TOKEN', 'the request token needs sub, iat and exp');
  const terminal = await hub.store.terminals.get(sub);
  if (terminal === undefined) return fail(401, 'UNKNOWN_TERMINAL', `terminal ${sub} is not enrolled at this hub`);
  if (verifyCompactEs256(token, keys.keyOf(terminal)) === undefined) return fail(401, 'BAD_SIGNATURE', 'the request token is not signed with the key this terminal enrolled');
  const [issued, expires] = [iat as number, exp as number];
  if (expires <= issued || expires - issued > MAX_TOKEN_SECONDS) return fail(401, 'BAD_TOKEN', `the request token must expire within ${MAX_TOKEN_SECONDS} s of iat`);
  const now = hub.nowSec();
  if (now < issued - AUTH_CLOCK_SKEW_SECONDS || now >= expires + AUTH_CLOCK_SKEW_SECONDS) {
    return fail(401, 'CLOCK_SKEW', `the request token is not valid at hub time ${new Date(now * 1000).toISOString()}: check the terminal clock`);
  }
  if (terminal.disabledMs !== null) {
    return fail(403, 'TERMINAL_DISABLED', `terminal ${terminal.id} was disabled by the bureau${terminal.disabledReason ? ` (${terminal.disabledReason})` : ''}: contact the bureau`);
  }
  return ok(terminal);
}
