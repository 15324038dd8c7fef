import type { RuleBook } from '../rules/rules-lookup.js';
import type { SitePolicy } from '../rules/rules-schema.js';

/** Which uses to count: one card and service, optionally one beneficiary, stamped in [from, to). */
export interface UseQuery {
  iss: string;
  sub: string;
  service: string;
  beneficiary?: string | undefined;
  from: number;
  to: number;
}

/** What a decision needs to read from the terminal's state; the store implements it. */
export interface EvaluationPorts {
  readonly rules: RuleBook;
  readonly policy: SitePolicy;
  /** Group 3: is the issuer in the trust list? */
  hasIssuer(iss: string): boolean;
  /** Group 3: does the issuer have a key with this id? */
  hasKey(iss: string, kid: string): boolean;
  /** Group 4: does the ES256 signature verify under that key? */
  signatureValid(token: string, iss: string, kid: string): boolean;
  /** Group 7. */
  isRevoked(iss: string, sub: string): boolean;
  /** `iat` (UTC ms) of the issuer's current revocation list, undefined when there is none. */
  revocationListIssuedAt(iss: string): number | undefined;
  /** Groups 9: recorded uses matching the query. */
  countUses(query: UseQuery): number;
  /** Latest real instant the terminal has seen (UTC ms), 0 when none. */
  latestSeenMs(): number;
}
