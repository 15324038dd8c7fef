import { invariant } from '../assert.js';
import type { ReasonCode, WarningCode } from '../reason-codes.js';
import { parseCompactJwt } from '../token/compact-jwt.js';
import { cardClaimsSchema, cardSummary, type CardSummary } from '../token/card-claims.js';
import { companionsExceeded } from './companions.js';
import type { Decision, DecisionRequest, Evaluation, QuotaView } from './decision-types.js';
import type { EvaluationPorts } from './evaluation-ports.js';
import { listIsStale } from './list-freshness.js';
import { evaluateQuota } from './quota.js';

/** Collects the outcome as groups are evaluated: the first failing group decides. */
class Outcome {
  readonly warnings: WarningCode[] = [];
  card: CardSummary | null = null;
  quota: QuotaView | null = null;

  constructor(private readonly service: string, private readonly escalate: readonly WarningCode[]) {}

  /** A warning of this group: escalated → a reason of this group, else noted. */
  warn(code: WarningCode, groupReasons: ReasonCode[]): void {
    if (this.escalate.includes(code)) groupReasons.push(code);
    else this.warnings.push(code);
  }

  reject(reason: ReasonCode): Decision {
    return this.build('reject', [reason]);
  }

  accept(): Decision {
    return this.build('accept', []);
  }

  build(decision: Decision['decision'], reasons: ReasonCode[]): Decision {
    return { decision, reasons, warnings: this.warnings, service: this.service, card: this.card, quota: this.quota };
  }
}

/**
 * Decides whether a card token may use a service, in the order of DESIGN.md §6.
 * Pure apart from what it reads through `ports`; writes nothing.
 */
export function evaluateCard(request: DecisionRequest, ports: EvaluationPorts): Evaluation {
  const { rules, policy } = ports;
  const service = rules.service(request.service);
  invariant(service !== undefined, `service ${request.service} is checked by the caller`);
  const out = new Outcome(request.service, policy.escalate);
  const done = (decision: Decision, claims: Evaluation['claims'] = null): Evaluation => ({ decision, claims });

  // 1 MALFORMED
  const jwt = parseCompactJwt(request.token);
  if (jwt === undefined) return done(out.reject('MALFORMED'));
  // 2 UNSUPPORTED_ALG: ES256 only (§4), never none or HS*.
  if (jwt.header.alg !== 'ES256') return done(out.reject('UNSUPPORTED_ALG'));
  // 3 UNKNOWN_ISSUER, UNKNOWN_KEY
  const { iss } = jwt.payload;
  if (typeof iss !== 'string' || !ports.hasIssuer(iss)) return done(out.reject('UNKNOWN_ISSUER'));
  const { kid } = jwt.header;
  if (typeof kid !== 'string' || !ports.hasKey(iss, kid)) return done(out.reject('UNKNOWN_KEY'));
  // 4 BAD_SIGNATURE
  if (!ports.signatureValid(request.token, iss, kid)) return done(out.reject('BAD_SIGNATURE'));
  out.card = cardSummary(jwt.payload);
  // 5 CLAIMS_INVALID: every claim of §4, and tier/category agreement (Art. 31).
  const parsed = cardClaimsSchema.safeParse(jwt.payload);
  if (!parsed.success) return done(out.reject('CLAIMS_INVALID'));
  const claims = parsed.data;
  if (!rules.cardConsistent(claims.iss, claims.tier, claims.cat)) return done(out.reject('CLAIMS_INVALID'));
  // 6 NOT_YET_VALID, EXPIRED (exp excluded), CLOCK_SUSPECT
  const toleranceMs = policy.clockToleranceSeconds * 1000;
  const group6: ReasonCode[] = [];
  if (request.atMs < claims.nbf * 1000 - toleranceMs) group6.push('NOT_YET_VALID');
  if (request.atMs >= claims.exp * 1000 + toleranceMs) group6.push('EXPIRED');
  if (request.nowMs < ports.latestSeenMs() - toleranceMs) out.warn('CLOCK_SUSPECT', group6);
  if (group6.length > 0) return done(out.reject(group6[0] as ReasonCode), claims);
  // 7 REVOKED (Art. 34), LISTS_STALE
  const group7: ReasonCode[] = [];
  if (ports.isRevoked(claims.iss, claims.sub)) group7.push('REVOKED');
  const listIat = ports.revocationListIssuedAt(claims.iss);
  if (listIsStale(listIat, request.atMs, policy.listStaleHours)) out.warn('LISTS_STALE', group7);
  if (group7.length > 0) return done(out.reject(group7[0] as ReasonCode), claims);
  // 8 NOT_ENTITLED (Art. 31)
  if (!rules.tierCovers(claims.tier, service.article)) return done(out.reject('NOT_ENTITLED'), claims);
  // 9 ENTITLEMENT_ENDED, QUOTA_EXHAUSTED (Art. 21, 22), DUPLICATE
  const group9: ReasonCode[] = [];
  const card = { iss: claims.iss, sub: claims.sub, service: service.id };
  if (service.quota !== undefined) {
    const beneficiary = service.quota.perBeneficiary ? (request.beneficiary ?? '') : undefined;
    const state = evaluateQuota(service.quota, claims.nbf * 1000, request.atMs, (from, to) =>
      ports.countUses({ ...card, beneficiary, from, to }),
    );
    out.quota = state.view;
    if (state.ended) group9.push('ENTITLEMENT_ENDED');
    else if (state.exhausted) group9.push('QUOTA_EXHAUSTED');
  }
  const windowMs = policy.duplicateWindowSeconds * 1000;
  if (windowMs > 0 && ports.countUses({ ...card, from: request.atMs - windowMs, to: request.atMs + 1 }) > 0) {
    out.warn('DUPLICATE', group9);
  }
  if (group9.length > 0) return done(out.reject(group9[0] as ReasonCode), claims);
  // 10 COMPANIONS_EXCEEDED (Art. 18–20)
  if (companionsExceeded(rules.rules, service, request.companions)) return done(out.reject('COMPANIONS_EXCEEDED'), claims);
  return done(out.accept(), claims);
}
