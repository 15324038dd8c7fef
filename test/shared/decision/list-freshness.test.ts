import { describe, expect, it } from 'vitest';
import { listIsStale, listsFreshness } from '../../../shared/decision/list-freshness.js';

const H = 3_600_000;
const now = Date.UTC(2026, 5, 1, 2);

describe('list freshness (§6 LISTS_STALE)', () => {
  it('counts a trusted issuer without a list as stale and names it, even when the other list is minutes old', () => {
    const f = listsFreshness(['lc-hrss', 'sd-hrss'], [{ iss: 'lc-hrss', seq: 4, iatMs: now - 2 * 60_000 }], now, 72);
    expect(f).toMatchObject({ stale: true, missing: ['sd-hrss'], staleIssuers: ['sd-hrss'] });
    expect(f.lists).toEqual([{ iss: 'lc-hrss', seq: 4, ageHours: 2 / 60, stale: false }]);
  });

  it('takes the oldest list, not the newest, and names the issuer whose list is old', () => {
    const f = listsFreshness(
      ['lc-hrss', 'sd-hrss'],
      [
        { iss: 'lc-hrss', seq: 4, iatMs: now - 60_000 },
        { iss: 'sd-hrss', seq: 9, iatMs: now - 80 * H },
      ],
      now,
      72,
    );
    expect(f.oldest).toMatchObject({ iss: 'sd-hrss', ageHours: 80, stale: true });
    expect(f.staleIssuers).toEqual(['sd-hrss']);
  });

  it('is stale only strictly past the limit, and a clock behind the list shows age 0', () => {
    expect(listIsStale(now - 72 * H, now, 72)).toBe(false);
    expect(listIsStale(now - 72 * H - 1, now, 72)).toBe(true);
    expect(listIsStale(undefined, now, 72)).toBe(true);
    expect(listsFreshness(['lc-hrss'], [{ iss: 'lc-hrss', seq: 1, iatMs: now + H }], now, 72)).toMatchObject({ stale: false, oldest: { ageHours: 0 } });
  });
});
