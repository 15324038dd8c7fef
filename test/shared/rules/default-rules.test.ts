import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, DEFAULT_RULES_INPUT, DEFAULT_RULES_VERSION } from '../../../shared/rules/default-rules.js';
import { rulesSchema, sitePolicySchema } from '../../../shared/rules/rules-schema.js';

/** DESIGN.md §2 catalogue: id → article of the regulation. */
const CATALOGUE: [string, number][] = [
  ['hospital', 17], ['bus', 18], ['vehicle', 18], ['scenic', 19], ['gym', 20], ['library', 21], ['cinema', 21],
  ['eldercare', 22], ['market', 23], ['tax', 24], ['research', 25], ['customs', 26], ['bank', 27], ['entry_exit', 6],
  ['hukou', 7], ['social_insurance', 8], ['vacation', 9], ['post', 10], ['staffing', 11], ['housing', 12],
  ['spouse_job', 13], ['school', 14], ['title', 15], ['salary', 16], ['policy', 28], ['industry_tour', 29], ['projects', 30],
];

const byId = (id: string) => DEFAULT_RULES.services.find((s) => s.id === id);

describe('DEFAULT_RULES', () => {
  it('lists exactly the 27 services of the catalogue, each with its article', () => {
    expect(DEFAULT_RULES.services.map((s) => [s.id, s.article]).sort()).toEqual([...CATALOGUE].sort());
  });

  it('covers every article from 6 to 30 (Art. 6–30 are the green-channel services)', () => {
    const articles = new Set(DEFAULT_RULES.services.map((s) => s.article));
    for (let a = 6; a <= 30; a += 1) expect(articles.has(a), `Art. ${a}`).toBe(true);
  });

  it('has the tier ranges and categories of Art. 31: A 6–30 for 1, 2; B 11–22 for 3; C 16–20 for 4, 5', () => {
    expect(DEFAULT_RULES.tiers).toEqual({
      A: { articles: [6, 30], categories: [1, 2] },
      B: { articles: [11, 22], categories: [3] },
      C: { articles: [16, 20], categories: [4, 5] },
    });
  });

  it('restricts Huicai cards (sd-hrss) to tier A, category 1 (Art. 5 (1))', () => {
    expect(DEFAULT_RULES.issuerConstraints).toEqual({ 'sd-hrss': { tiers: ['A'], categories: [1] } });
  });

  it('admits companions at bus, scenic and gym only (Art. 18–20)', () => {
    expect(DEFAULT_RULES.services.filter((s) => s.companions).map((s) => s.id).sort()).toEqual(['bus', 'gym', 'scenic']);
  });

  it('has the companion limits spouse 1, child 3, parent 2, spouse_parent 2, escort 1 (Art. 18–20)', () => {
    expect(DEFAULT_RULES.companionLimits).toEqual({ spouse: 1, child: 3, parent: 2, spouse_parent: 2, escort: 1 });
  });

  it('requires a ticket for the bus only (Art. 18) and a beneficiary for eldercare only (Art. 22)', () => {
    expect(DEFAULT_RULES.services.filter((s) => s.requiresTicket).map((s) => s.id)).toEqual(['bus']);
    expect(DEFAULT_RULES.services.filter((s) => s.requiresBeneficiary).map((s) => s.id)).toEqual(['eldercare']);
  });

  it('has the quotas of Art. 21 and 22 and no others', () => {
    expect(DEFAULT_RULES.services.filter((s) => s.quota !== undefined).map((s) => s.id).sort()).toEqual(['cinema', 'eldercare', 'library']);
    expect(byId('cinema')?.quota).toEqual({ period: 'card_year', limit: 12, periods: 3, perBeneficiary: false });
    expect(byId('library')?.quota).toEqual({ period: 'lifetime', limit: 1, perBeneficiary: false });
    expect(byId('eldercare')?.quota).toEqual({ period: 'calendar_month', limit: 1, totalLimit: 36, perBeneficiary: true });
  });

  it('has the site-policy defaults of §4 and §6: 60 s tolerance, 10 min duplicate window, 72 h lists, nothing escalated', () => {
    expect(DEFAULT_RULES.sitePolicyDefaults).toEqual({ clockToleranceSeconds: 60, duplicateWindowSeconds: 600, listStaleHours: 72, escalate: [] });
  });

  it('gives every service a Chinese and an English name', () => {
    for (const s of DEFAULT_RULES.services) {
      expect(s.name.zh.length).toBeGreaterThan(0);
      expect(s.name.en.length).toBeGreaterThan(0);
    }
  });

  it('is version 0, so any signed rules bundle (version ≥ 1) supersedes it', () => {
    expect(DEFAULT_RULES_VERSION).toBe(0);
  });
});

describe('rulesSchema', () => {
  it('accepts the default input', () => {
    expect(rulesSchema.safeParse(DEFAULT_RULES_INPUT).success).toBe(true);
  });

  it('refuses a service listed twice', () => {
    const services = [...DEFAULT_RULES_INPUT.services, DEFAULT_RULES_INPUT.services[0]!];
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, services }).success).toBe(false);
  });

  it('refuses a card_year quota without a number of periods', () => {
    const services = DEFAULT_RULES_INPUT.services.map((s) => (s.id === 'cinema' ? { ...s, quota: { period: 'card_year' as const, limit: 12 } } : s));
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, services }).success).toBe(false);
  });

  it('refuses an article range running backwards', () => {
    const tiers = { ...DEFAULT_RULES_INPUT.tiers, B: { articles: [22, 11] as [number, number], categories: [3] } };
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, tiers }).success).toBe(false);
  });

  it('refuses a missing companion relation and unknown keys', () => {
    const fourRelations: Record<string, number> = { ...DEFAULT_RULES_INPUT.companionLimits };
    delete fourRelations.escort;
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, companionLimits: fourRelations }).success).toBe(false);
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, extra: 1 }).success).toBe(false);
  });

  it('refuses a bad service id', () => {
    const services = [...DEFAULT_RULES_INPUT.services, { id: 'Bad-Id', article: 17, name: { zh: '坏', en: 'bad' } }];
    expect(rulesSchema.safeParse({ ...DEFAULT_RULES_INPUT, services }).success).toBe(false);
  });
});

describe('sitePolicySchema', () => {
  const ok = { clockToleranceSeconds: 60, duplicateWindowSeconds: 600, listStaleHours: 72 };

  it('allows a clock tolerance of at most 5 minutes (§4)', () => {
    expect(sitePolicySchema.safeParse({ ...ok, clockToleranceSeconds: 300 }).success).toBe(true);
    expect(sitePolicySchema.safeParse({ ...ok, clockToleranceSeconds: 301 }).success).toBe(false);
    expect(sitePolicySchema.safeParse({ ...ok, clockToleranceSeconds: -1 }).success).toBe(false);
  });

  it('accepts only the three warning codes for escalation', () => {
    expect(sitePolicySchema.safeParse({ ...ok, escalate: ['CLOCK_SUSPECT', 'LISTS_STALE', 'DUPLICATE'] }).success).toBe(true);
    expect(sitePolicySchema.safeParse({ ...ok, escalate: ['REVOKED'] }).success).toBe(false);
  });
});
