import { describe, expect, it } from 'vitest';
import type { ServiceQuotaView, VerifyView } from '../../../shared/api/api-types.js';
import { quotaLines } from '../../../renderer/src/verdict/quota-lines.js';

/** A verdict for `service` with 2 of 4 uses gone, and the period's kind when the terminal sent one. */
function view(service: string, quota?: ServiceQuotaView): VerifyView {
  return {
    id: 'd1',
    decision: {
      decision: 'accept',
      reasons: [],
      warnings: [],
      service,
      card: null,
      quota: { limit: 4, used: 2, remaining: 2, period_end: '2027-03-01T00:00:00+08:00' },
    },
    service: { id: service, article: 20, name: { zh: '游泳', en: 'Swimming' }, ...(quota !== undefined ? { quota } : {}) },
    companionLimits: { spouse: 0, child: 0, parent: 0, spouse_parent: 0, escort: 0 },
    requiresTicket: false,
    requiresBeneficiary: false,
    autoRecorded: null,
  };
}

describe('quotaLines', () => {
  it('words a service only a rules bundle knows by the period the terminal sends', () => {
    expect(quotaLines(view('swim', { period: 'card_year', limit: 4, periods: 2, perBeneficiary: false }), 'zh')).toEqual([
      '本卡年已用 2/4 次，剩余 2 次，至 2027-03-01',
    ]);
    expect(quotaLines(view('swim', { period: 'calendar_month', limit: 4, perBeneficiary: false }), 'en')[0]).toMatch(/^Used this month 2\/4/);
  });

  it('prefers the rules in force over the built-in catalogue, and falls back to it (then to plain 已用) without the field', () => {
    expect(quotaLines(view('cinema', { period: 'calendar_month', limit: 4, perBeneficiary: false }), 'zh')[0]).toMatch(/^本月已用/);
    expect(quotaLines(view('cinema'), 'zh')[0]).toMatch(/^本卡年已用/);
    expect(quotaLines(view('swim'), 'zh')[0]).toMatch(/^已用 2\/4/);
  });
});
