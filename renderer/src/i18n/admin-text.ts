import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the history, summary and settings screens. */
export interface AdminText {
  historyTitle: (day: string) => string;
  filterDecision: string;
  filterService: string;
  all: string;
  accepted: string;
  rejected: string;
  exportCsv: string;
  exported: (filename: string) => string;
  colTime: string;
  colService: string;
  colVerdict: string;
  colReason: string;
  colHolder: string;
  colCard: string;
  /** The card's issuer, shortly, under the card number in the history (lc-hrss → 聊城金卡). */
  issuerShort: (iss: string) => string;
  colCompanions: string;
  colRecorded: string;
  yes: string;
  no: string;
  empty: string;
  summaryTitle: string;
  decisions: string;
  usesByService: string;
  companionsCounted: string;
  rejectionsByReason: string;
  none: string;
  settingsTitle: string;
  settingsLead: string;
  siteName: string;
  service: string;
  terminalId: string;
  terminalIdHint: string;
  kiosk: string;
  gateMode: string;
  gateModeHint: string;
  requireIdCheck: string;
  autoReturnSeconds: string;
  operatorIdleMinutes: string;
  supervisorIdleMinutes: string;
  duplicateWindowSeconds: string;
  listStaleHours: string;
  escalate: string;
  escalateHint: string;
  camera: string;
  sounds: string;
  testSounds: string;
  language: string;
  save: string;
  saving: string;
  saved: string;
  seconds: string;
  hours: string;
  supervisorOnly: string;
}

/** The admin strings in every UI language. */
export const ADMIN_TEXT: Readonly<Record<Locale, AdminText>> = {
  zh: {
    historyTitle: (d) => `今日核验记录（${d}）`,
    filterDecision: '结果',
    filterService: '服务',
    all: '全部',
    accepted: '通过',
    rejected: '拒绝',
    exportCsv: '导出 CSV',
    exported: (f) => `已导出 ${f}`,
    colTime: '时间',
    colService: '服务',
    colVerdict: '结果',
    colReason: '原因 / 提示',
    colHolder: '持卡人',
    colCard: '卡号',
    issuerShort: (iss) => (iss === 'lc-hrss' ? '聊城金卡' : iss === 'sd-hrss' ? '山东惠才卡' : iss),
    colCompanions: '同行',
    colRecorded: '已登记',
    yes: '是',
    no: '否',
    empty: '今天还没有核验记录。',
    summaryTitle: '今日汇总',
    decisions: '核验次数',
    usesByService: '各服务使用次数',
    companionsCounted: '同行人员合计',
    rejectionsByReason: '拒绝原因',
    none: '无',
    settingsTitle: '终端设置（主管）',
    settingsLead: '保存后立即生效。',
    siteName: '站点名称',
    service: '本窗口服务',
    terminalId: '终端编号',
    terminalIdHint: '字母、数字、- 或 _，最多 32 位',
    kiosk: '全屏锁定模式（Kiosk）',
    gateMode: '无人值守闸机模式',
    gateModeHint: '通过即自动登记（仅本人），2 秒后返回扫描',
    requireIdCheck: '登记前必须勾选“已核对身份证件”（第三十三条）',
    autoReturnSeconds: '结果页自动返回（秒）',
    operatorIdleMinutes: '操作员无操作自动退出（分钟）',
    supervisorIdleMinutes: '主管无操作自动退出（分钟）',
    duplicateWindowSeconds: '重复使用提醒时段（秒）',
    listStaleHours: '吊销名单过期时限（小时）',
    escalate: '以下提示升级为拒绝',
    escalateHint: '默认仅提示，不拒绝',
    camera: '摄像头',
    sounds: '提示音',
    testSounds: '试听',
    language: '界面语言',
    save: '保存设置',
    saving: '正在保存…',
    saved: '设置已保存并生效。',
    seconds: '秒',
    hours: '小时',
    supervisorOnly: '只有主管可以修改设置。请主管登录（F9 退出后以主管身份登录）。',
  },
  en: {
    historyTitle: (d) => `Today's decisions (${d})`,
    filterDecision: 'Result',
    filterService: 'Service',
    all: 'All',
    accepted: 'Accepted',
    rejected: 'Rejected',
    exportCsv: 'Export CSV',
    exported: (f) => `Exported ${f}`,
    colTime: 'Time',
    colService: 'Service',
    colVerdict: 'Result',
    colReason: 'Reason / note',
    colHolder: 'Holder',
    colCard: 'Card no.',
    issuerShort: (iss) => (iss === 'lc-hrss' ? 'Gold card' : iss === 'sd-hrss' ? 'Huicai card' : iss),
    colCompanions: 'Party',
    colRecorded: 'Recorded',
    yes: 'yes',
    no: 'no',
    empty: 'No decisions yet today.',
    summaryTitle: 'Today in figures',
    decisions: 'Checks',
    usesByService: 'Uses by service',
    companionsCounted: 'Companions',
    rejectionsByReason: 'Rejections by reason',
    none: 'none',
    settingsTitle: 'Terminal settings (supervisor)',
    settingsLead: 'Changes apply as soon as they are saved.',
    siteName: 'Site name',
    service: 'Service at this counter',
    terminalId: 'Terminal ID',
    terminalIdHint: 'letters, digits, - or _, up to 32',
    kiosk: 'Kiosk mode (full screen, locked)',
    gateMode: 'Unattended gate mode',
    gateModeHint: 'An accept records itself (holder only); back to scanning after 2 s',
    requireIdCheck: 'Require “ID document checked” before recording (Art. 33)',
    autoReturnSeconds: 'Verdict returns to scanning after (s)',
    operatorIdleMinutes: 'Operator signed out when idle for (min)',
    supervisorIdleMinutes: 'Supervisor signed out when idle for (min)',
    duplicateWindowSeconds: 'Repeat-use warning window (s)',
    listStaleHours: 'Revocation list stale after (h)',
    escalate: 'Turn these warnings into rejections',
    escalateHint: 'By default they only warn',
    camera: 'Camera',
    sounds: 'Sounds',
    testSounds: 'Try',
    language: 'Language',
    save: 'Save settings',
    saving: 'Saving…',
    saved: 'Settings saved and in force.',
    seconds: 's',
    hours: 'h',
    supervisorOnly: 'Only a supervisor can change settings. Sign out (F9) and sign in as a supervisor.',
  },
};
