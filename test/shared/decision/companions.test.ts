import { describe, expect, it } from 'vitest';
import { companionLimitsFor, companionsExceeded } from '../../../shared/decision/companions.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import type { Rules, ServiceRule } from '../../../shared/rules/rules-schema.js';

const service = (id: string): ServiceRule => {
  const s = DEFAULT_RULES.services.find((x) => x.id === id);
  if (s === undefined) throw new Error(id);
  return s;
};

describe('companionLimitsFor', () => {
  it('gives bus, scenic and gym the Art. 18–20 limits: spouse 1, child 3, parent 2, spouse_parent 2, escort 1', () => {
    for (const id of ['bus', 'scenic', 'gym']) {
      expect(companionLimitsFor(DEFAULT_RULES, service(id))).toEqual({ spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 });
    }
  });

  it('gives every other service zero of every relation (the holder alone, Art. 33)', () => {
    for (const s of DEFAULT_RULES.services.filter((x) => !['bus', 'scenic', 'gym'].includes(x.id))) {
      expect(companionLimitsFor(DEFAULT_RULES, s)).toEqual({ spouse: 0, child: 0, parent: 0, spouse_parent: 0, escort: 0 });
    }
  });

  it('takes the limits from the rules, so a rules bundle can change the number of children', () => {
    const rules: Rules = { ...DEFAULT_RULES, companionLimits: { ...DEFAULT_RULES.companionLimits, child: 5 } };
    expect(companionLimitsFor(rules, service('gym')).child).toBe(5);
  });
});

describe('companionsExceeded', () => {
  it('is false with nobody along and with every relation at its limit', () => {
    expect(companionsExceeded(DEFAULT_RULES, service('scenic'), {})).toBe(false);
    expect(companionsExceeded(DEFAULT_RULES, service('scenic'), { spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 })).toBe(false);
  });

  it('is true as soon as one relation is one over (Art. 18: one escort only)', () => {
    expect(companionsExceeded(DEFAULT_RULES, service('bus'), { escort: 2 })).toBe(true);
    expect(companionsExceeded(DEFAULT_RULES, service('bus'), { child: 4 })).toBe(true);
    expect(companionsExceeded(DEFAULT_RULES, service('bus'), { spouse: 2 })).toBe(true);
  });

  it('does not let an unused allowance of one relation cover another (no pooling)', () => {
    expect(companionsExceeded(DEFAULT_RULES, service('gym'), { parent: 3, spouse_parent: 0 })).toBe(true);
  });

  it('is true for a single companion at a holder-alone service', () => {
    expect(companionsExceeded(DEFAULT_RULES, service('hospital'), { spouse: 1 })).toBe(true);
    expect(companionsExceeded(DEFAULT_RULES, service('hospital'), { spouse: 0 })).toBe(false);
  });
});
