import { describe, expect, it } from 'vitest';
import { MAX_SUCCESSORS, successorsOf, successorsOfSync } from '../../../hub/issue/successors.js';

/** One walk down "replaced by" (Art. 34) for the ingest, the judge and the integrity check. */
describe('the successor walk', () => {
  const links = new Map([
    ['A', 'B'],
    ['B', 'C'],
    ['X', 'Y'],
    ['Y', 'X'],
    ['S', 'S'],
  ]);
  const sync = (sub: string) => links.get(sub);
  const later = (sub: string) => Promise.resolve(links.get(sub));

  it('answers the successors in order, newest last, the same awaited or not', async () => {
    expect(successorsOfSync('A', sync)).toEqual(['B', 'C']);
    expect(await successorsOf('A', later)).toEqual(['B', 'C']);
    expect(successorsOfSync('C', sync)).toEqual([]);
    expect(await successorsOf('B', later)).toEqual(['C']);
  });

  it('stops at a cycle, never naming the card itself as its successor', async () => {
    expect(successorsOfSync('X', sync)).toEqual(['Y']);
    expect(await successorsOf('S', later)).toEqual([]);
  });

  it('cuts a chain longer than the limit', () => {
    const long = (sub: string) => `${sub}+`;
    expect(successorsOfSync('Z', long)).toHaveLength(MAX_SUCCESSORS);
  });
});
