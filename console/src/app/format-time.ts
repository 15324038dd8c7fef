import type { Locale } from '../../../shared/i18n/locale.js';

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

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The bureau's calendar day (Asia/Shanghai) of an instant, YYYY-MM-DD. */
export const bureauDay = (ms: number): string => dayFormat.format(ms);

/** A validity as days, both included: `validUntil` is the first instant no longer valid. */
export const validDays = (from: number, until: number): string => `${bureauDay(from)} – ${bureauDay(until - 1)}`;
