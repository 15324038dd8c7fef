import { describe, expect, it } from 'vitest';
import { cardClaimsSchema, cardSummary } from '../../../shared/token/card-claims.js';
import { baseClaims } from '../../support/fixtures.js';

describe('cardClaimsSchema (§4)', () => {
  it('accepts the claims of a well-formed card and drops unknown claims', () => {
    const parsed = cardClaimsSchema.safeParse({ ...baseClaims(), extra: true });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(baseClaims());
  });

  it('accepts each tier A, B, C and each category 1–5 on its own (agreement is the rule book’s job)', () => {
    for (const tier of ['A', 'B', 'C']) expect(cardClaimsSchema.safeParse({ ...baseClaims(), tier }).success).toBe(true);
    for (const cat of [1, 2, 3, 4, 5]) expect(cardClaimsSchema.safeParse({ ...baseClaims(), cat }).success).toBe(true);
  });

  it('counts name and idt lengths in code points', () => {
    expect(cardClaimsSchema.safeParse({ ...baseClaims(), name: '𠀀'.repeat(32) }).success).toBe(true);
    expect(cardClaimsSchema.safeParse({ ...baseClaims(), name: '𠀀'.repeat(33) }).success).toBe(false);
    expect(cardClaimsSchema.safeParse({ ...baseClaims(), idt: '𠀀𠀀𠀀𠀀' }).success).toBe(true);
    expect(cardClaimsSchema.safeParse({ ...baseClaims(), idt: '𠀀𠀀' }).success).toBe(false);
  });

  it('requires whole non-negative seconds for iat, nbf and exp', () => {
    for (const key of ['iat', 'nbf', 'exp']) {
      expect(cardClaimsSchema.safeParse({ ...baseClaims(), [key]: 1.5 }).success, key).toBe(false);
      expect(cardClaimsSchema.safeParse({ ...baseClaims(), [key]: -1 }).success, key).toBe(false);
      expect(cardClaimsSchema.safeParse({ ...baseClaims(), [key]: '1772294400' }).success, key).toBe(false);
      expect(cardClaimsSchema.safeParse({ ...baseClaims(), [key]: undefined }).success, key).toBe(false);
    }
  });
});

describe('cardSummary (§7 card)', () => {
  it('picks exactly the six displayed claims as the token has them', () => {
    expect(cardSummary({ ...baseClaims(), cat: '2', extra: 1 })).toEqual({ iss: 'lc-hrss', sub: 'LC-A-000123', tier: 'A', cat: '2', name: '张*明', idt: '1234' });
  });

  it('shows a missing claim as null', () => {
    expect(cardSummary({ iss: 'lc-hrss' })).toEqual({ iss: 'lc-hrss', sub: null, tier: null, cat: null, name: null, idt: null });
  });
});
