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
  /** The enrolment QR: scanned with the counter's camera or scanner, it fills the form. */
  scanQr: string;
  scanStop: string;
  scanHint: string;
  qrRead: string;
}

export const HUB_TEXT: Readonly<Record<Locale, HubText>> = {
  zh: {
    title: '接入管理平台',
    lead: '扫描主管部门的注册二维码，或填写管理平台网址和一次性登记码；场所和服务以登记码为准，终端编号取自上面的设置。',
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
    scanQr: '扫描注册二维码',
    scanStop: '停止扫描',
    scanHint: '把注册二维码对准摄像头，或用扫码枪扫描；扫到后自动填入下面的网址和登记码。',
    qrRead: '已读取注册二维码：核对网址后点“登记”。本终端将导入经二维码核对的信任列表。',
  },
  en: {
    title: 'Hub',
    lead: 'Scan the bureau’s enrolment QR, or type the hub URL and the one-time code; the site and service are the code’s, the terminal id is the one above.',
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
    scanQr: 'Scan enrolment QR',
    scanStop: 'Stop scanning',
    scanHint: 'Hold the enrolment QR up to the camera, or scan it with the scanner: it fills in the URL and code below.',
    qrRead: 'Enrolment QR read: check the URL, then press Enrol. The terminal takes the trust list the QR vouches for.',
  },
};
