import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the settings screen's clock section (时钟检查, DESIGN.md §6 CLOCK_SUSPECT). */
export interface ClockText {
  title: string;
  lead: string;
  suspect: string;
  fine: string;
  reason: string;
  reset: string;
  resetting: string;
  needReason: string;
  done: (from: string | null, to: string) => string;
}

const short = (iso: string | null): string => (iso === null ? '—' : iso.slice(0, 16).replace('T', ' '));

export const CLOCK_TEXT: Readonly<Record<Locale, ClockText>> = {
  zh: {
    title: '时钟检查',
    lead: '若系统时钟曾经偏快并登记过使用，校正时钟后每次核验都会提示“时钟可疑”。确认现在的时钟正确后，填写原因并重置（记入审计日志）。已登记到管理平台的终端在下次同步时会自动清除。',
    suspect: '时钟可疑：系统时钟早于已见过的最新时间',
    fine: '时钟正常',
    reason: '重置原因（必填，最多 200 字）',
    reset: '重置时钟检查',
    resetting: '正在重置…',
    needReason: '请填写重置原因（1–200 字）',
    done: (from, to) => `已重置：已见过的最新时间 ${short(from)} → ${short(to)}`,
  },
  en: {
    title: 'Clock check',
    lead: 'A use recorded while the system clock ran ahead leaves every check “clock suspect” after the clock is put right. Once you are sure the clock is right now, give a reason and reset (kept in the audit log). An enrolled terminal clears it by itself at the next sync.',
    suspect: 'Clock suspect: the clock is behind the latest time seen',
    fine: 'Clock fine',
    reason: 'Reason for the reset (required, up to 200 characters)',
    reset: 'Reset the clock check',
    resetting: 'Resetting…',
    needReason: 'Give a reason for the reset (1–200 characters)',
    done: (from, to) => `Reset: latest time seen ${short(from)} → ${short(to)}`,
  },
};
