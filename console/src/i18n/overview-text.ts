import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the overview: cards in force, uses by service, terminals, open flags. */
export interface OverviewText {
  title: string;
  asOf: (time: string) => string;
  cardsInForce: string;
  tier: (tier: string) => string;
  total: string;
  usesToday: (day: string) => string;
  usesThisMonth: (month: string) => string;
  uses: string;
  companions: string;
  usesChart: (period: string) => string;
  noUses: string;
  terminals: string;
  online: string;
  silent: string;
  staleLists: string;
  brokenChain: string;
  disabled: string;
  openFlags: string;
  noFlags: string;
}

export const OVERVIEW_TEXT: Readonly<Record<Locale, OverviewText>> = {
  zh: {
    title: '概览',
    asOf: (t) => `数据时间：${t}`,
    cardsInForce: '有效金卡',
    tier: (t) => `${t} 类卡`,
    total: '合计',
    usesToday: (d) => `今日使用（${d}）`,
    usesThisMonth: (m) => `本月使用（${m}）`,
    uses: '人次',
    companions: '随行',
    usesChart: (p) => `${p}按服务项目统计的使用人次`,
    noUses: '暂无使用记录。',
    terminals: '核验终端',
    online: '在线',
    silent: '失联',
    staleLists: '名单过期',
    brokenChain: '日志链断裂',
    disabled: '已停用',
    openFlags: '待处理提示',
    noFlags: '没有待处理的提示。',
  },
  en: {
    title: 'Overview',
    asOf: (t) => `As of ${t}`,
    cardsInForce: 'Cards in force',
    tier: (t) => `Tier ${t}`,
    total: 'Total',
    usesToday: (d) => `Uses today (${d})`,
    usesThisMonth: (m) => `Uses this month (${m})`,
    uses: 'Uses',
    companions: 'Companions',
    usesChart: (p) => `${p} by service`,
    noUses: 'No uses yet.',
    terminals: 'Terminals',
    online: 'Online',
    silent: 'Silent',
    staleLists: 'Stale lists',
    brokenChain: 'Broken chain',
    disabled: 'Disabled',
    openFlags: 'Open flags',
    noFlags: 'No open flags.',
  },
};
