import type { KeyObject } from 'node:crypto';
import type { DecisionRequest, Evaluation } from '../../shared/decision/decision-types.js';
import { evaluateCard } from '../../shared/decision/evaluate-card.js';
import type { EvaluationPorts, UseQuery } from '../../shared/decision/evaluation-ports.js';
import type { TrustFile } from '../../shared/bundles/bundle-schemas.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import { ruleBook, type RuleBook } from '../../shared/rules/rules-lookup.js';
import type { Rules, SitePolicy } from '../../shared/rules/rules-schema.js';
import { es256SignatureValid } from '../../node/crypto/es256-verify.js';
import { publicKeyFromJwk } from '../../node/crypto/keys.js';

/** A use as the fake store holds it. */
export interface FakeUse {
  iss: string;
  sub: string;
  service: string;
  beneficiary: string;
  atMs: number;
}

/**
 * In-memory state behind EvaluationPorts, so the pure decision function can be tested
 * without SQLite: trust from a trust file, revoked cards, list ages, recorded uses.
 */
export class FakePorts {
  readonly keys = new Map<string, Map<string, KeyObject>>();
  readonly revoked = new Set<string>();
  readonly listIat = new Map<string, number>();
  readonly uses: FakeUse[] = [];
  latestSeen = 0;
  book: RuleBook;
  policy: SitePolicy;

  constructor(trust: TrustFile, options: { rules?: Rules; listsIat?: number } = {}) {
    for (const issuer of trust.issuers) {
      this.keys.set(issuer.iss, new Map(issuer.keys.map((k) => [k.kid, publicKeyFromJwk(k)])));
      if (options.listsIat !== undefined) this.listIat.set(issuer.iss, options.listsIat);
    }
    this.book = ruleBook(options.rules ?? DEFAULT_RULES, 0);
    this.policy = { ...this.book.rules.sitePolicyDefaults };
  }

  revoke(iss: string, sub: string): void {
    this.revoked.add(`${iss}\n${sub}`);
  }

  use(u: Partial<FakeUse> & { service: string; atMs: number }): void {
    this.uses.push({ iss: 'lc-hrss', sub: 'LC-A-000123', beneficiary: '', ...u });
  }

  ports(): EvaluationPorts {
    return {
      rules: this.book,
      policy: this.policy,
      hasIssuer: (iss) => this.keys.has(iss),
      hasKey: (iss, kid) => this.keys.get(iss)?.has(kid) ?? false,
      signatureValid: (token, iss, kid) => {
        const key = this.keys.get(iss)?.get(kid);
        return key !== undefined && es256SignatureValid(token, key);
      },
      isRevoked: (iss, sub) => this.revoked.has(`${iss}\n${sub}`),
      revocationListIssuedAt: (iss) => this.listIat.get(iss),
      countUses: (q: UseQuery) =>
        this.uses.filter(
          (u) =>
            u.iss === q.iss &&
            u.sub === q.sub &&
            u.service === q.service &&
            (q.beneficiary === undefined || u.beneficiary === q.beneficiary) &&
            u.atMs >= q.from &&
            u.atMs < q.to,
        ).length,
      latestSeenMs: () => this.latestSeen,
    };
  }

  /** Evaluates with the real clock equal to the evaluation instant unless given. */
  evaluate(request: Partial<DecisionRequest> & { token: string; service: string; atMs: number }): Evaluation {
    return evaluateCard({ nowMs: request.atMs, companions: {}, ...request }, this.ports());
  }
}
