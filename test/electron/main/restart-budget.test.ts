import { describe, expect, it } from 'vitest';
import { restartBudget } from '../../../electron/main/restart-budget.js';

describe('restartBudget', () => {
  it('allows 3 restarts in 5 minutes, then refuses until the oldest leaves the window', () => {
    const budget = restartBudget();
    const minute = 60_000;
    expect([0, minute, 2 * minute].map((t) => budget.allow(t))).toEqual([true, true, true]);
    expect(budget.allow(4 * minute)).toBe(false);
    expect(budget.allow(5 * minute)).toBe(true);
    expect(budget.allow(5 * minute + 1)).toBe(false);
  });
});
