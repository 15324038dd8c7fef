import type { Locale } from '../../../shared/i18n/locale.js';
import { toShanghaiParts } from '../../../shared/time/shanghai-calendar.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * An instant as the bureau's wall-clock time, whatever the browser's zone: on the hub's clock
 * (shared/time, a fixed +08:00), not Intl's Asia/Shanghai, which keeps the 1986–1991
 * daylight-saving hour. zh `2026/06/02 13:04:03`, en `02/06/2026, 13:04:03` (as zh-CN and en-GB write them).
 */
export function bureauTime(ms: number, locale: Locale): string {
  const p = toShanghaiParts(ms);
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return locale === 'zh' ? `${pad(p.year, 4)}/${pad(p.month)}/${pad(p.day)} ${time}` : `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}, ${time}`;
}
