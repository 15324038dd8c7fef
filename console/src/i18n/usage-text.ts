import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the usage and reports page: the date range, totals, charts, companions, the detail table, exports. */
export interface UsageText {
  title: string;
  lead: string;
  rangeTitle: string;
  from: string;
  to: string;
  show: string;
  today: string;
  thisMonth: string;
  lastMonth: string;
  rangeShown: (from: string, to: string) => string;
  badRange: string;
  badDay: string;
  rangeTooLong: (days: number) => string;
  downloadCsv: string;
  downloadXlsx: string;
  exportNote: string;
  uses: string;
  companions: string;
  voided: string;
  voidedSentence: (n: number) => string;
  noVoided: string;
  byService: string;
  bySite: string;
  byDay: string;
  byTier: string;
  chart: (what: string) => string;
  companionsByRelation: string;
  relation: string;
  people: string;
  noCompanions: string;
  detail: string;
  detailCaption: (rows: number) => string;
  colDay: string;
  colSite: string;
  colService: string;
  colTier: string;
  noUses: string;
}

export const USAGE_TEXT: Readonly<Record<Locale, UsageText>> = {
  zh: {
    title: '使用统计与报表',
    lead: '按北京时间的自然日统计各核验终端上传的使用记录，起止两天都包括在内。',
    rangeTitle: '统计期间',
    from: '开始日期',
    to: '结束日期',
    show: '查看',
    today: '今天',
    thisMonth: '本月',
    lastMonth: '上月',
    rangeShown: (f, t) => (f === t ? `统计期间：${f}` : `统计期间：${f} 至 ${t}`),
    badRange: '开始日期不能晚于结束日期，请重新选择。',
    badDay: '请选择有效的日期。',
    rangeTooLong: (d) => `一次最多统计 ${d} 天，请缩短期间。`,
    downloadCsv: '下载 CSV',
    downloadXlsx: '下载 Excel（.xlsx）',
    exportNote: '导出的是下方正在显示的统计期间的明细；每次导出都会记入操作日志。',
    uses: '使用人次',
    companions: '随行人数',
    voided: '已作废',
    voidedSentence: (n) => `另有 ${n} 次使用因闸机未打开已由终端作废，不计入以上合计。`,
    noVoided: '本期间没有被终端作废的使用。',
    byService: '按服务项目',
    bySite: '按场所',
    byDay: '按日期',
    byTier: '按卡类别',
    chart: (w) => `${w}统计的使用人次`,
    companionsByRelation: '随行人员（按关系）',
    relation: '关系',
    people: '人数',
    noCompanions: '本期间没有随行人员。',
    detail: '明细',
    detailCaption: (n) => `共 ${n} 行：每天、每个场所、每个服务项目、每个卡类别一行`,
    colDay: '日期',
    colSite: '场所',
    colService: '服务项目',
    colTier: '卡类别',
    noUses: '本期间没有使用记录。',
  },
  en: {
    title: 'Usage and reports',
    lead: 'Uses the terminals uploaded, counted by calendar day in Beijing time; both ends of the range are included.',
    rangeTitle: 'Range',
    from: 'From',
    to: 'To',
    show: 'Show',
    today: 'Today',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    rangeShown: (f, t) => (f === t ? `Range: ${f}` : `Range: ${f} to ${t}`),
    badRange: 'The first day must not be after the last day.',
    badDay: 'Choose a valid day.',
    rangeTooLong: (d) => `A report covers at most ${d} days; choose a shorter range.`,
    downloadCsv: 'Download CSV',
    downloadXlsx: 'Download Excel (.xlsx)',
    exportNote: 'The export holds the rows of the range shown below; every export is written to the staff log.',
    uses: 'Uses',
    companions: 'Companions',
    voided: 'Voided',
    voidedSentence: (n) => `${n} more ${n === 1 ? 'use was' : 'uses were'} voided by the terminal because the gate did not open, and ${n === 1 ? 'is' : 'are'} not counted above.`,
    noVoided: 'No use was voided in this range.',
    byService: 'By service',
    bySite: 'By site',
    byDay: 'By day',
    byTier: 'By card tier',
    chart: (w) => `Uses ${w.toLowerCase()}`,
    companionsByRelation: 'Companions by relation',
    relation: 'Relation',
    people: 'People',
    noCompanions: 'No companions in this range.',
    detail: 'Detail',
    detailCaption: (n) => `${n} rows: one per day, site, service and card tier`,
    colDay: 'Day',
    colSite: 'Site',
    colService: 'Service',
    colTier: 'Tier',
    noUses: 'No uses in this range.',
  },
};
