import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { publicKeyFromJwk } from '../../node/crypto/keys.js';
import { err, ok, type Result } from '../../shared/result.js';
import { REQUEST_TOKEN_SECONDS, requestTokenClaimsSchema } from '../../shared/sync/sync-protocol.js';
import { parseCompactJwt } from '../../shared/token/compact-jwt.js';
import { verifyCompactEs256 } from '../../node/crypto/es256-verify.js';
import type { Hub } from '../hub.js';
import type { StoredTerminal } from '../store/hub-store.js';
import { ReplayCache } from './replay-cache.js';

/** Authorization scheme of the sync protocol. */
export const AUTH_SCHEME = 'Jinka-Terminal';
/** Longest lifetime of a terminal's request token (exp − iat). */
export const MAX_TOKEN_SECONDS = REQUEST_TOKEN_SECONDS;
/**
 * How far a request token's dates may be from the hub's clock. The terminal dates its token
 * in the hub's clock as it measured it at the last answer, so only the error of that
 * measurement and the drift since count; a clock that jumped is told the hub's time in the
 * 401 and corrects itself (the client retries once when it is off by more than 30 s).
 */
export const AUTH_CLOCK_SKEW_SECONDS = 60;
/** Longest request token accepted, in characters (a token is about 400). */
const MAX_TOKEN_LENGTH = 8192;

/** Why a request was not authenticated: a code (HTTP statuses are mapped in hub/server/http-errors.ts) and words. */
export interface AuthError {
  code: 'AUTH_REQUIRED' | 'BAD_TOKEN' | 'UNAUTHENTICATED' | 'CLOCK_SKEW' | 'STALE_TOKEN' | 'WRONG_REQUEST' | 'REPLAYED_TOKEN' | 'TERMINAL_DISABLED' | 'TOO_MANY_REQUESTS';
  message: string;
}

/** A request whose token verified: who sent it, and the body hash the token was made for. */
export interface AuthenticatedRequest {
  terminal: StoredTerminal;
  /** base64url SHA-256 the body must have (checked once the body is read). */
  bodyHash: string;
}

/** What the token is checked against: the request line as received. */
export interface RequestLine {
  method: string;
  /** The request target as received (path and query). */
  url: string;
}

const fail = (code: AuthError['code'], message: string): Result<never, AuthError> => err({ code, message });

// An unknown terminal's token is verified against this key, so it costs what a wrong signature costs.
const NOBODY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;

/** Public keys of terminals, imported once. */
export class TerminalKeys {
  protected readonly keys = new Map<string, { jwk: string; key: KeyObject }>();

  /** The key of `terminal` as stored (the upload batch signature is checked with it). */
  keyOf(terminal: Pick<StoredTerminal, 'id' | 'publicJwk'>): KeyObject {
    const jwk = JSON.stringify(terminal.publicJwk);
    const cached = this.keys.get(terminal.id);
    if (cached?.jwk === jwk) return cached.key;
    const key = publicKeyFromJwk(terminal.publicJwk);
    this.keys.set(terminal.id, { jwk, key });
    return key;
  }
}

/**
 * The public keys of all a hub's terminals, held in memory: a token's key is found with one
 * map lookup whether its terminal exists or not (an unknown id gets a throwaway key), and the
 * database is read only once a signature verified, so known and unknown ids cost the same (no
 * enumeration by time). Loaded from the store on first use and added to by `enrolTerminal`
 * (the hub's only enrolment path); a terminal's key never changes. Whether a terminal is
 * disabled is always read from the store.
 */
export class TerminalKeyIndex extends TerminalKeys {
  private loaded: Promise<void> | undefined;

  constructor(private readonly hub: Hub) {
    super();
  }

  /** The key a token naming `id` is verified against: the terminal's, or a throwaway one when there is no such terminal. */
  async forId(id: string): Promise<KeyObject> {
    this.loaded ??= this.load();
    await this.loaded;
    return this.keys.get(id)?.key ?? NOBODY;
  }

  private async load(): Promise<void> {
    try {
      for (const terminal of await this.hub.store.terminals.list()) this.keyOf(terminal);
    } catch (error) {
      this.loaded = undefined;
      throw error;
    }
  }
}

const held = new WeakMap<Hub, TerminalKeyIndex>();

/** The one key index of `hub` (shared by its authenticator, its upload check and its enrolment). */
export function terminalKeysOf(hub: Hub): TerminalKeyIndex {
  let keys = held.get(hub);
  if (keys === undefined) {
    keys = new TerminalKeyIndex(hub);
    held.set(hub, keys);
  }
  return keys;
}

const NOT_AUTHENTICATED = 'the request token is not signed by the key of a terminal enrolled at this hub';

/**
 * Checks `Authorization: Jinka-Terminal <jwt>`: an ES256 JWT signed with the registered key
 * of the terminal it names, claims as `requestTokenClaimsSchema`, valid at hub time within
 * the allowance, made for this method and target, its `jti` not seen before. An unknown
 * terminal and a wrong key answer alike (no enumeration of terminal ids). A disabled terminal
 * is refused (403) once its signature verified. The body hash is the caller's to check.
 *
 * The `jti`s seen live in the store (ReplayCache over `tokenIds`), shared by every hub process
 * on the database and kept across a restart. A token made before this authenticator was
 * created (the hub started) is still refused (401 STALE_TOKEN), as a second guard for ids a
 * store may not have held (one that predates migration 0010); an honest token made just
 * before a start is refused too, and the terminal makes a new one on its next round.
 */
export class TerminalAuthenticator {
  readonly keys: TerminalKeyIndex;
  /** Hub time (s) this authenticator started at: tokens dated earlier may have been seen by a previous one. */
  readonly startSec: number;

  readonly replay: ReplayCache;

  constructor(private readonly hub: Hub, replay?: ReplayCache) {
    this.replay = replay ?? new ReplayCache(hub.store.tokenIds);
    this.startSec = hub.nowSec();
    this.keys = terminalKeysOf(hub);
  }

  async authenticate(header: string | undefined, request: RequestLine): Promise<Result<AuthenticatedRequest, AuthError>> {
    if (header === undefined || !header.startsWith(`${AUTH_SCHEME} `)) {
      return fail('AUTH_REQUIRED', `send "Authorization: ${AUTH_SCHEME} <token signed with the terminal key>"`);
    }
    const token = header.slice(AUTH_SCHEME.length + 1).trim();
    const jwt = token.length > MAX_TOKEN_LENGTH ? undefined : parseCompactJwt(token);
    if (jwt === undefined || jwt.header.alg !== 'ES256') return fail('BAD_TOKEN', 'the request token is not an ES256 JWT');
    const parsed = requestTokenClaimsSchema.safeParse(jwt.payload);
    if (!parsed.success) return fail('BAD_TOKEN', 'the request token needs sub, iat, exp, jti, htm, htu and bh');
    const claims = parsed.data;
    if (verifyCompactEs256(token, await this.keys.forId(claims.sub)) === undefined) return fail('UNAUTHENTICATED', NOT_AUTHENTICATED);
    if (claims.exp <= claims.iat || claims.exp - claims.iat > MAX_TOKEN_SECONDS) {
      return fail('BAD_TOKEN', `the request token must expire within ${MAX_TOKEN_SECONDS} s of iat`);
    }
    const now = this.hub.nowSec();
    if (now < claims.iat - AUTH_CLOCK_SKEW_SECONDS || now >= claims.exp + AUTH_CLOCK_SKEW_SECONDS) {
      return fail('CLOCK_SKEW', `the request token is not valid at hub time ${new Date(now * 1000).toISOString()}: check the terminal clock`);
    }
    if (claims.iat < this.startSec) {
      return fail('STALE_TOKEN', 'the request token was made before the hub started: make a new one');
    }
    if (claims.htm !== request.method || claims.htu !== request.url) {
      return fail('WRONG_REQUEST', 'the request token was made for another request');
    }
    // The terminal's row and the token's claim at once (on a server database two round trips, waited for as one). Only a
    // token whose signature verified is claimed; a disabled terminal's claim is refused below all the same.
    const [terminal, claim] = await Promise.all([this.hub.store.terminals.get(claims.sub), this.replay.claim(claims.sub, claims.jti, claims.exp + AUTH_CLOCK_SKEW_SECONDS, now)]);
    if (terminal === undefined) return fail('UNAUTHENTICATED', NOT_AUTHENTICATED);
    if (terminal.disabledMs !== null) {
      return fail('TERMINAL_DISABLED', `terminal ${terminal.id} was disabled by the bureau${terminal.disabledReason ? ` (${terminal.disabledReason})` : ''}: contact the bureau`);
    }
    if (claim === 'replayed') return fail('REPLAYED_TOKEN', 'this request token was used already: make a new one for each request');
    if (claim === 'full') return fail('TOO_MANY_REQUESTS', 'too many requests from this terminal: try again in a few minutes');
    return ok({ terminal, bodyHash: claims.bh });
  }
}
