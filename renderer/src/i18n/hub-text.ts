import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the settings screen's hub section (接入管理平台). */
export interface HubText {
  title: string;
  lead: string;
  state: string;
  lastSuccess: string;
  never: string;
  pendingUploads: string;
  hubUrl: string;
  code: string;
  enrol: string;
  enrolling: string;
  enrolled: string;
  syncNow: string;
  syncing: string;
  synced: string;
  needInput: string;
}

export const HUB_TEXT: Readonly<Record<Locale, HubText>> = {
  zh: {
    title: '接入管理平台',
    lead: '用主管部门发放的一次性登记码把本终端登记到管理平台；终端编号、场所和服务取自上面的设置（请先保存）。',
    state: '同步状态',
    lastSuccess: '上次成功',
    never: '从未',
    pendingUploads: '待上传',
    hubUrl: '管理平台网址 https://…',
    code: '一次性登记码',
    enrol: '登记',
    enrolling: '正在登记…',
    enrolled: '已登记到管理平台',
    syncNow: '立即同步',
    syncing: '正在同步…',
    synced: '同步已完成',
    needInput: '请填写管理平台网址（http:// 或 https://）和登记码（至少 6 位）',
  },
  en: {
    title: 'Hub',
    lead: 'Enrol this terminal at the hub with the bureau’s one-time code; the terminal id, site and service are the settings above (save them first).',
    state: 'Sync',
    lastSuccess: 'Last synced',
    never: 'never',
    pendingUploads: 'To upload',
    hubUrl: 'Hub URL https://…',
    code: 'One-time code',
    enrol: 'Enrol',
    enrolling: 'Enrolling…',
    enrolled: 'Enrolled at the hub',
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    synced: 'Sync round done',
    needInput: 'Enter the hub URL (http:// or https://) and the enrolment code (6 characters at least)',
  },
};
