import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the terminals page: the list, an enrolment with its printable QR, disabling. */
export interface TerminalsText {
  title: string;
  enrolTitle: string;
  enrolLead: string;
  site: string;
  service: string;
  hours: string;
  hoursOption: (h: number) => string;
  create: string;
  sheetTitle: string;
  sheetLead: string;
  code: string;
  expires: string;
  hub: string;
  qrAlt: (site: string) => string;
  print: string;
  listTitle: string;
  /** The table's caption: how many, as of when the hub answered. */
  listCaption: (n: number, at: string) => string;
  disabledWhen: (at: string) => string;
  disabledWhy: (reason: string) => string;
  colId: string;
  colSite: string;
  colService: string;
  colStatus: string;
  colLastSeen: string;
  colClock: string;
  colSeq: string;
  /** Audit records (uses, voids, sign-ins, clock resets…) not yet acknowledged by the hub, so not uses alone. */
  colPending: string;
  colChain: string;
  colActions: string;
  status: Record<'online' | 'silent' | 'disabled', string>;
  never: string;
  chainOk: string;
  chainBroken: string;
  staleLists: string;
  seconds: (s: number) => string;
  unknown: string;
  disable: string;
  disableReason: (id: string) => string;
  disableLead: string;
  confirmDisable: string;
  cancel: string;
  noTerminals: string;
}

export const TERMINALS_TEXT: Readonly<Record<Locale, TerminalsText>> = {
  zh: {
    title: '核验终端',
    enrolTitle: '登记新终端',
    enrolLead: '生成一次性登记码和二维码，打印后交给现场负责人，在终端设置页面扫描即可完成配置。',
    site: '场所名称',
    service: '服务项目',
    hours: '有效时间',
    hoursOption: (h) => (h < 24 ? `${h} 小时` : `${h / 24} 天`),
    create: '生成登记码',
    sheetTitle: '终端登记单',
    sheetLead: '请在终端“设置”页面按“扫描注册二维码”，将摄像头或扫码枪对准下方二维码；也可手动输入服务器地址和登记码。',
    code: '登记码',
    expires: '有效至',
    hub: '服务器地址',
    qrAlt: (site) => `${site} 的终端登记二维码`,
    print: '打印登记单',
    listTitle: '终端列表',
    listCaption: (n, at) => `共 ${n} 台终端，截至 ${at}`,
    disabledWhen: (at) => `停用于 ${at}`,
    disabledWhy: (reason) => `原因：${reason}`,
    colId: '终端',
    colSite: '场所',
    colService: '服务项目',
    colStatus: '状态',
    colLastSeen: '最后联系',
    colClock: '时钟偏差',
    colSeq: '注销名单序号',
    colPending: '待上传记录（条）',
    colChain: '日志链',
    colActions: '操作',
    status: { online: '在线', silent: '失联', disabled: '已停用' },
    never: '从未联系',
    chainOk: '完整',
    chainBroken: '断裂',
    staleLists: '名单过期',
    seconds: (s) => `${s > 0 ? '+' : ''}${s} 秒`,
    unknown: '—',
    disable: '停用',
    disableReason: (id) => `停用 ${id} 的原因`,
    disableLead: '停用后，服务器将拒绝该终端的一切请求（同步、上传记录），无法恢复；终端需重新登记。',
    confirmDisable: '确认停用',
    cancel: '取消',
    noTerminals: '还没有登记的终端。',
  },
  en: {
    title: 'Terminals',
    enrolTitle: 'Enrol a terminal',
    enrolLead: 'Make a one-time code and QR, print it for the site supervisor, who scans it on the terminal’s settings screen.',
    site: 'Site',
    service: 'Service',
    hours: 'Valid for',
    hoursOption: (h) => (h < 24 ? `${h} hours` : h === 24 ? '1 day' : `${h / 24} days`),
    create: 'Make the code',
    sheetTitle: 'Terminal enrolment sheet',
    sheetLead: 'On the terminal’s Settings screen press “Scan enrolment QR” and show the camera or scanner the QR below, or type the hub address and the code.',
    code: 'Code',
    expires: 'Valid until',
    hub: 'Hub address',
    qrAlt: (site) => `Enrolment QR for a terminal at ${site}`,
    print: 'Print the sheet',
    listTitle: 'Terminals',
    listCaption: (n, at) => `${n} ${n === 1 ? 'terminal' : 'terminals'} as of ${at}`,
    disabledWhen: (at) => `Disabled ${at}`,
    disabledWhy: (reason) => `Reason: ${reason}`,
    colId: 'Terminal',
    colSite: 'Site',
    colService: 'Service',
    colStatus: 'State',
    colLastSeen: 'Last seen',
    colClock: 'Clock offset',
    colSeq: 'Revocation seq.',
    colPending: 'Records to upload',
    colChain: 'Chain',
    colActions: 'Actions',
    status: { online: 'Online', silent: 'Silent', disabled: 'Disabled' },
    never: 'Never',
    chainOk: 'Intact',
    chainBroken: 'Broken',
    staleLists: 'Stale lists',
    seconds: (s) => `${s > 0 ? '+' : ''}${s} s`,
    unknown: '—',
    disable: 'Disable',
    disableReason: (id) => `Why ${id} is disabled`,
    disableLead: 'Once disabled, the hub refuses every request of the terminal (sync, uploads), for good; it must be enrolled again.',
    confirmDisable: 'Disable it',
    cancel: 'Cancel',
    noTerminals: 'No terminal is enrolled yet.',
  },
};
