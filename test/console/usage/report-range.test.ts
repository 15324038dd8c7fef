import { describe, expect, it } from 'vitest';
import { quickRange, rangeProblem } from '../../../console/src/usage/report-range.js';
import { at } from '../../support/fixtures.js';

/** The usage page's quick picks are Shanghai calendar days whatever the browser's zone, and it refuses what the hub would. */
describe('the usage page: report ranges', () => {
  it('takes today, this month and last month in Asia/Shanghai: ten past midnight on 1 January in Shanghai is still 31 December in UTC', () => {
    const now = at('2026-01-01T00:10:00+08:00');
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(quickRange('today', now)).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(quickRange('thisMonth', now)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(quickRange('lastMonth', now)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    // Month lengths, a leap February included.
    expect(quickRange('lastMonth', at('2024-03-15T12:00:00+08:00'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(quickRange('thisMonth', at('2026-02-28T23:59:00+08:00'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it("says why the hub would refuse a range, with the contract's own check", () => {
    expect(rangeProblem({ from: '2026-06-01', to: '2026-06-30' })).toBeUndefined();
    expect(rangeProblem({ from: '2026-06-10', to: '2026-06-01' })).toBe('order');
    expect(rangeProblem({ from: '2016-01-01', to: '2026-01-01' })).toBe('length');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeUndefined();
    expect(rangeProblem({ from: '2026-02-30', to: '2026-03-01' })).toBe('day');
    expect(rangeProblem({ from: '', to: '2026-03-01' })).toBe('day');
  });
});
