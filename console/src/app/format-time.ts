import type { Locale } from '../../../shared/i18n/locale.js';
import { shanghaiDate } from '../../../shared/time/shanghai-calendar.js';

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** An instant as the bureau's wall-clock time (Asia/Shanghai), whatever the browser's zone. */
export function bureauTime(ms: number, locale: Locale): string {
  let format = formats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    formats.set(locale, format);
  }
  return format.format(ms);
}

/**
 * A validity as days, both included: `validUntil` is the first instant no longer valid. Days are
 * the hub's (shanghaiDate, a fixed +08:00), not Intl's Asia/Shanghai, which keeps the 1986–1991
 * daylight-saving hour.
 */
export const validDays = (from: number, until: number): string => `${shanghaiDate(from)} – ${shanghaiDate(until - 1)}`;
