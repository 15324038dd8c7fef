import { RELATIONS, type Companions, type Relation } from '../relations.js';
import type { Rules, ServiceRule } from '../rules/rules-schema.js';

/** Most companions of each relation this service admits: Art. 18–20 services use the rules' limits, every other service none. */
export function companionLimitsFor(rules: Rules, service: ServiceRule): Record<Relation, number> {
  const limits = {} as Record<Relation, number>;
  for (const relation of RELATIONS) limits[relation] = service.companions ? rules.companionLimits[relation] : 0;
  return limits;
}

/** §6 group 10: true when any relation brings more people than the service admits. */
export function companionsExceeded(rules: Rules, service: ServiceRule, companions: Companions): boolean {
  const limits = companionLimitsFor(rules, service);
  return RELATIONS.some((relation) => (companions[relation] ?? 0) > limits[relation]);
}
