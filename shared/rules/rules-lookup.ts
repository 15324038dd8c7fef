import type { Rules, ServiceRule, Tier } from './rules-schema.js';

/** Rules indexed for the hot path: service lookup by id without scanning the catalogue. */
export interface RuleBook {
  readonly rules: Rules;
  readonly version: number;
  service(id: string): ServiceRule | undefined;
  /** Art. 31: may a card of this tier use a service of this article? */
  tierCovers(tier: Tier, article: number): boolean;
  /** Art. 31: do tier and category agree (and does the issuer allow them)? */
  cardConsistent(iss: string, tier: Tier, category: number): boolean;
}

/** Builds the indexed view of a rule set. */
export function ruleBook(rules: Rules, version: number): RuleBook {
  const services = new Map(rules.services.map((s) => [s.id, s]));
  return {
    rules,
    version,
    service: (id) => services.get(id),
    tierCovers(tier, article) {
      const [from, to] = rules.tiers[tier].articles;
      return article >= from && article <= to;
    },
    cardConsistent(iss, tier, category) {
      if (!rules.tiers[tier].categories.includes(category)) return false;
      const constraint = rules.issuerConstraints[iss];
      return constraint === undefined || (constraint.tiers.includes(tier) && constraint.categories.includes(category));
    },
  };
}
