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
