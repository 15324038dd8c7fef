import type { Locale } from '../../../shared/i18n/locale.js';

const SHANGHAI = 'Asia/Shanghai';

/** Clock time of an instant in Shanghai (every calendar rule of the terminal uses it), e.g. 14:05:09. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(date);
}

/** Date and time in Shanghai, e.g. 2026-03-01 14:05. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Today's date in Shanghai, e.g. 2026-03-01. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** How old something is, from hours, in words the counter reads at a glance. */
export function ageText(hours: number, locale: Locale): string {
  const zh = locale === 'zh';
  if (hours < 1) {
    const minutes = Math.max(0, Math.round(hours * 60));
    return zh ? `${minutes} 分钟前` : `${minutes} min ago`;
  }
  if (hours < 48) {
    const whole = Math.round(hours);
    return zh ? `${whole} 小时前` : `${whole} h ago`;
  }
  const days = Math.round(hours / 24);
  return zh ? `${days} 天前` : `${days} days ago`;
}
