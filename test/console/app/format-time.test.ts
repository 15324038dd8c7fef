import { describe, expect, it } from 'vitest';
import { bureauTime } from '../../../console/src/app/format-time.js';
import { quickRange } from '../../../console/src/usage/report-range.js';
import { shanghaiDate, validDays } from '../../../shared/time/shanghai-calendar.js';

/** The console's days are the hub's days: one Shanghai calendar (shared/time/shanghai-calendar.ts, a fixed +08:00). */
describe("the console's calendar days", () => {
  // Summer 1988: the tz database keeps a daylight-saving hour for Asia/Shanghai (1986–1991), which
  // Intl applies and the hub's calendar does not; 23:30 on 1 June on the hub's clock.
  const summer1988 = Date.parse('1988-06-01T15:30:00Z');

  it('names the day the hub names, on every instant', () => {
    expect(shanghaiDate(summer1988)).toBe('1988-06-01');
    expect(validDays(summer1988, summer1988 + 1)).toBe('1988-06-01 – 1988-06-01');
    expect(quickRange('today', summer1988)).toEqual({ from: '1988-06-01', to: '1988-06-01' });
    expect(validDays(Date.parse('2026-05-31T16:00:00Z'), Date.parse('2027-05-31T16:00:00Z'))).toBe('2026-06-01 – 2027-05-31');
  });

  it('reads times on the hub\'s clock too, in the display format it always had', () => {
    expect(bureauTime(summer1988, 'zh')).toBe('1988/06/01 23:30:00');
    expect(bureauTime(summer1988, 'en')).toBe('01/06/1988, 23:30:00');
    expect(bureauTime(Date.parse('2026-06-02T05:04:03.999Z'), 'zh')).toBe('2026/06/02 13:04:03');
    expect(bureauTime(Date.parse('2026-06-01T16:00:00Z'), 'zh')).toBe('2026/06/02 00:00:00');
    expect(bureauTime(Date.parse('2026-12-31T15:59:59Z'), 'en')).toBe('31/12/2026, 23:59:59');
  });
});
