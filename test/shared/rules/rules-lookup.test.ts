import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import { ruleBook } from '../../../shared/rules/rules-lookup.js';

const book = ruleBook(DEFAULT_RULES, 7);

describe('ruleBook', () => {
  it('keeps the rules and version it was built from', () => {
    expect(book.rules).toBe(DEFAULT_RULES);
    expect(book.version).toBe(7);
  });

  it('finds services by id and nothing else', () => {
    expect(book.service('cinema')?.article).toBe(21);
    expect(book.service('CINEMA')).toBeUndefined();
    expect(book.service('toString')).toBeUndefined();
  });

  it('tierCovers includes both ends of each Art. 31 range and nothing outside', () => {
    const edges: [('A' | 'B' | 'C'), number, boolean][] = [
      ['A', 5, false], ['A', 6, true], ['A', 30, true], ['A', 31, false],
      ['B', 10, false], ['B', 11, true], ['B', 22, true], ['B', 23, false],
      ['C', 15, false], ['C', 16, true], ['C', 20, true], ['C', 21, false],
    ];
    for (const [tier, article, covered] of edges) expect(book.tierCovers(tier, article), `${tier} Art. ${article}`).toBe(covered);
  });

  it('cardConsistent applies the tier categories and the issuer constraint (Art. 31, Art. 5 (1))', () => {
    expect(book.cardConsistent('lc-hrss', 'A', 1)).toBe(true);
    expect(book.cardConsistent('lc-hrss', 'A', 3)).toBe(false);
    expect(book.cardConsistent('lc-hrss', 'B', 3)).toBe(true);
    expect(book.cardConsistent('lc-hrss', 'C', 5)).toBe(true);
    expect(book.cardConsistent('lc-hrss', 'C', 2)).toBe(false);
    expect(book.cardConsistent('sd-hrss', 'A', 1)).toBe(true);
    expect(book.cardConsistent('sd-hrss', 'A', 2)).toBe(false);
    expect(book.cardConsistent('sd-hrss', 'B', 3)).toBe(false);
    expect(book.cardConsistent('other-issuer', 'B', 3)).toBe(true);
  });
});
