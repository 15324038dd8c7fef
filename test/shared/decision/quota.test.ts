import { describe, expect, it } from 'vitest';
import { evaluateQuota, type UseCounter } from '../../../shared/decision/quota.js';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import type { QuotaRule } from '../../../shared/rules/rules-schema.js';
import { at } from '../../support/fixtures.js';

const quotaOf = (id: string): QuotaRule => {
  const rule = DEFAULT_RULES.services.find((s) => s.id === id)?.quota;
  if (rule === undefined) throw new Error(`no quota for ${id}`);
  return rule;
};
const CINEMA = quotaOf('cinema');
const LIBRARY = quotaOf('library');
const ELDERCARE = quotaOf('eldercare');

/** A counter over a list of use stamps, whatever order they are in. */
const counter = (stamps: number[]): UseCounter => (from, to) => stamps.filter((s) => s >= from && s < to).length;
const PERIOD_END = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const NBF = at('2026-03-01T00:00:00+08:00');

describe('evaluateQuota — cinema: 12 films per card-year for 3 card-years (Art. 21)', () => {
  it('starts a fresh card with 12 and the first card-year ending one year after nbf', () => {
    const state = evaluateQuota(CINEMA, NBF, at('2026-06-01T10:00:00+08:00'), counter([]));
    expect(state).toEqual({
      view: { limit: 12, used: 0, remaining: 12, period_end: '2027-03-01T00:00:00+08:00' },
      ended: false,
      exhausted: false,
    });
  });

  it('formats period_end as YYYY-MM-DDTHH:MM:SS+08:00 in Shanghai time', () => {
    const nbf = at('2026-03-01T07:30:15+08:00');
    const { view } = evaluateQuota(CINEMA, nbf, nbf + 1000, counter([]));
    expect(view.period_end).toMatch(PERIOD_END);
    expect(view.period_end).toBe('2027-03-01T07:30:15+08:00');
  });

  it('counts only uses stamped in the current card-year, in any order', () => {
    const stamps = [
      at('2027-02-28T23:59:59+08:00'), // year 1
      at('2026-03-01T00:00:00+08:00'), // year 1, at nbf
      at('2027-03-01T00:00:00+08:00'), // year 2, at the anniversary
      at('2026-02-28T23:59:59+08:00'), // before nbf
    ];
    expect(evaluateQuota(CINEMA, NBF, at('2026-12-01T00:00:00+08:00'), counter(stamps)).view).toMatchObject({ used: 2, remaining: 10 });
    expect(evaluateQuota(CINEMA, NBF, at('2027-06-01T00:00:00+08:00'), counter(stamps)).view).toMatchObject({
      used: 1, remaining: 11, period_end: '2028-03-01T00:00:00+08:00',
    });
  });

  it('is exhausted after 12 uses in the card-year', () => {
    const stamps = Array.from({ length: 12 }, (_, i) => NBF + i * 3_600_000);
    const state = evaluateQuota(CINEMA, NBF, at('2026-06-01T00:00:00+08:00'), counter(stamps));
    expect(state).toMatchObject({ ended: false, exhausted: true, view: { used: 12, remaining: 0, period_end: '2027-03-01T00:00:00+08:00' } });
    expect(evaluateQuota(CINEMA, NBF, at('2026-06-01T00:00:00+08:00'), counter(stamps.slice(1))).exhausted).toBe(false);
  });

  it('renews exactly at the anniversary instant, not 1 ms earlier', () => {
    const stamps = Array.from({ length: 12 }, (_, i) => NBF + i * 86_400_000);
    const anniversary = at('2027-03-01T00:00:00+08:00');
    expect(evaluateQuota(CINEMA, NBF, anniversary - 1, counter(stamps))).toMatchObject({ exhausted: true, view: { used: 12 } });
    expect(evaluateQuota(CINEMA, NBF, anniversary, counter(stamps))).toMatchObject({
      exhausted: false,
      view: { used: 0, remaining: 12, period_end: '2028-03-01T00:00:00+08:00' },
    });
  });

  it('ends after 3 card-years: ENTITLEMENT_ENDED with remaining 0 and period_end null', () => {
    const end = at('2029-03-01T00:00:00+08:00');
    expect(evaluateQuota(CINEMA, NBF, end - 1, counter([]))).toMatchObject({
      ended: false, view: { remaining: 12, period_end: '2029-03-01T00:00:00+08:00' },
    });
    const ended = evaluateQuota(CINEMA, NBF, end, counter([]));
    expect(ended.ended).toBe(true);
    expect(ended.exhausted).toBe(false);
    expect(ended.view).toMatchObject({ limit: 12, remaining: 0, period_end: null });
    expect(evaluateQuota(CINEMA, NBF, at('2035-01-01T00:00:00+08:00'), counter([])).ended).toBe(true);
  });

  it('counts a use inside the tolerance before nbf as the first card-year', () => {
    const state = evaluateQuota(CINEMA, NBF, NBF - 30_000, counter([NBF + 1000]));
    expect(state).toMatchObject({ ended: false, view: { used: 1, remaining: 11, period_end: '2027-03-01T00:00:00+08:00' } });
  });

  it('puts the anniversary of a 29 February nbf on 28 February in common years (§6)', () => {
    const nbf = at('2028-02-29T10:00:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, nbf, counter([])).view.period_end).toBe('2029-02-28T10:00:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, at('2029-02-28T09:59:59+08:00'), counter([])).view.period_end).toBe('2029-02-28T10:00:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, at('2029-02-28T10:00:00+08:00'), counter([])).view.period_end).toBe('2030-02-28T10:00:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, at('2031-02-28T09:59:59+08:00'), counter([])).ended).toBe(false);
    expect(evaluateQuota(CINEMA, nbf, at('2031-02-28T10:00:00+08:00'), counter([])).ended).toBe(true);
  });

  it('uses the Shanghai date of a 29 February nbf that is still 28 February in UTC', () => {
    // 2028-02-29T05:00+08:00 is 2028-02-28T21:00Z: a UTC calendar would put the anniversary on 1 March.
    const nbf = at('2028-02-29T05:00:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, nbf, counter([])).view.period_end).toBe('2029-02-28T05:00:00+08:00');
  });

  it('counts card-years from a Shanghai midnight nbf that is the previous day in UTC', () => {
    const nbf = at('2026-01-01T00:00:00+08:00'); // 2025-12-31T16:00Z
    const stamp = at('2026-12-31T23:59:00+08:00');
    expect(evaluateQuota(CINEMA, nbf, at('2026-12-31T23:59:30+08:00'), counter([stamp])).view).toMatchObject({
      used: 1, period_end: '2027-01-01T00:00:00+08:00',
    });
    expect(evaluateQuota(CINEMA, nbf, at('2027-01-01T00:00:00+08:00'), counter([stamp])).view.used).toBe(0);
  });
});

describe('evaluateQuota — library: one card, ever (Art. 21)', () => {
  it('allows one use with no period end', () => {
    expect(evaluateQuota(LIBRARY, NBF, at('2026-06-01T00:00:00+08:00'), counter([]))).toEqual({
      view: { limit: 1, used: 0, remaining: 1, period_end: null },
      ended: false,
      exhausted: false,
    });
  });

  it('is QUOTA_EXHAUSTED after one use, however long ago or even stamped later', () => {
    for (const stamp of [at('2026-03-02T00:00:00+08:00'), at('2030-01-01T00:00:00+08:00'), 0]) {
      expect(evaluateQuota(LIBRARY, NBF, at('2027-06-01T00:00:00+08:00'), counter([stamp]))).toMatchObject({
        exhausted: true, ended: false, view: { used: 1, remaining: 0, period_end: null },
      });
    }
  });
});

describe('evaluateQuota — eldercare: one claim per parent per Shanghai month, 36 in all (Art. 22)', () => {
  it('counts a use at 2026-03-31T23:30+08:00 (15:30Z) for March, not April', () => {
    const stamp = at('2026-03-31T23:30:00+08:00');
    expect(stamp).toBe(Date.UTC(2026, 2, 31, 15, 30));
    const march = evaluateQuota(ELDERCARE, NBF, at('2026-03-05T09:00:00+08:00'), counter([stamp]));
    expect(march).toMatchObject({ exhausted: true, view: { used: 1, remaining: 0, period_end: '2026-04-01T00:00:00+08:00' } });
    const april = evaluateQuota(ELDERCARE, NBF, at('2026-04-01T00:00:00+08:00'), counter([stamp]));
    expect(april).toMatchObject({ exhausted: false, view: { used: 0, remaining: 1, period_end: '2026-05-01T00:00:00+08:00' } });
  });

  it('ends the month at Shanghai midnight: 2026-03-31T23:59:59.999+08:00 is still March', () => {
    const stamp = at('2026-03-10T00:00:00+08:00');
    expect(evaluateQuota(ELDERCARE, NBF, at('2026-04-01T00:00:00+08:00') - 1, counter([stamp])).exhausted).toBe(true);
    expect(evaluateQuota(ELDERCARE, NBF, at('2026-03-01T00:00:00+08:00'), counter([stamp])).exhausted).toBe(true);
    expect(evaluateQuota(ELDERCARE, NBF, at('2026-03-01T00:00:00+08:00') - 1, counter([stamp])).exhausted).toBe(false);
  });

  it('rolls December into January of the next year', () => {
    expect(evaluateQuota(ELDERCARE, NBF, at('2026-12-15T00:00:00+08:00'), counter([])).view.period_end).toBe('2027-01-01T00:00:00+08:00');
  });

  it('carries total_limit 36 and total_used across all months', () => {
    const stamps = [at('2026-03-10T00:00:00+08:00'), at('2026-04-10T00:00:00+08:00'), at('2026-05-10T00:00:00+08:00')];
    expect(evaluateQuota(ELDERCARE, NBF, at('2026-06-10T00:00:00+08:00'), counter(stamps)).view).toEqual({
      limit: 1, used: 0, remaining: 1, period_end: '2026-07-01T00:00:00+08:00', total_limit: 36, total_used: 3,
    });
  });

  it('allows the 36th claim and ends the benefit after it (ENTITLEMENT_ENDED, period_end null)', () => {
    const monthly = (n: number) => Array.from({ length: n }, (_, m) => fromMonth(2026, 3 + m));
    const before = evaluateQuota(ELDERCARE, NBF, fromMonth(2029, 2) + 86_400_000, counter(monthly(35)));
    expect(before).toMatchObject({ ended: false, exhausted: false, view: { total_used: 35, remaining: 1 } });
    const after = evaluateQuota(ELDERCARE, NBF, fromMonth(2029, 3), counter(monthly(36)));
    expect(after).toMatchObject({ ended: true, exhausted: false, view: { remaining: 0, period_end: null, total_limit: 36, total_used: 36 } });
  });
});

/** The 5th of a month (month may run past 12), Shanghai noon. */
function fromMonth(year: number, month: number): number {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return at(`${y}-${String(m).padStart(2, '0')}-05T12:00:00+08:00`);
}
