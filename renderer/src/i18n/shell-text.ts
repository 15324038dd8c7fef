import type { Locale } from '../../../shared/i18n/locale.js';
import type { SyncView } from '../../../shared/api/api-types.js';

type SyncState = SyncView['state'];

/** Strings of the frame around every screen: header, navigation, status bar, sign-in. */
export interface ShellText {
  appName: string;
  service: string;
  colon: string;
  history: string;
  settings: string;
  signOut: string;
  backToScan: string;
  switchLanguage: string;
  terminal: string;
  site: string;
  operator: string;
  supervisor: string;
  lists: string;
  listsNone: string;
  rules: string;
  rulesVersion: (version: number, builtIn: boolean) => string;
  syncLabel: string;
  sync: Record<SyncState, string>;
  pendingUploads: (n: number) => string;
  /** The alarm when lists are stale, naming the issuers (display names) whose list is missing and whose list is old. */
  listsStale: (missing: string[], old: string[]) => string;
  /** The list age cell when some issuer's list is missing (it is older than any list held). */
  listsMissing: (issuers: string[]) => string;
  clockSuspect: string;
  signInTitle: string;
  signInLead: string;
  operatorId: string;
  pin: string;
  signIn: string;
  signingIn: string;
  badPin: string;
  lockedOut: (until: string) => string;
  pinFormat: string;
  failed: (message: string) => string;
  loading: string;
}

/** The shell strings in every UI language. */
export const SHELL_TEXT: Readonly<Record<Locale, ShellText>> = {
  zh: {
    appName: '金卡核验终端',
    service: '本窗口服务',
    colon: '：',
    history: '今日记录',
    settings: '设置',
    signOut: '退出登录',
    backToScan: '返回扫描',
    switchLanguage: 'English',
    terminal: '终端',
    site: '站点',
    operator: '操作员',
    supervisor: '主管',
    lists: '吊销名单',
    listsNone: '未导入',
    rules: '规则',
    rulesVersion: (v, builtIn) => `v${v}${builtIn ? '（内置）' : ''}`,
    syncLabel: '同步',
    sync: { 'not-enrolled': '未接入同步', idle: '已同步', syncing: '同步中…', offline: '离线', error: '同步出错', disabled: '同步已关闭' },
    pendingUploads: (n) => `待上传 ${n} 条`,
    listsStale: (missing, old) =>
      [...(missing.length > 0 ? [`${missing.join('、')}的吊销名单未导入`] : []), ...(old.length > 0 ? [`${old.join('、')}的吊销名单已过期`] : [])].join('，') +
      '：请尽快联网同步或导入最新名单',
    listsMissing: (issuers) => `${issuers.join('、')}未导入`,
    clockSuspect: '本机时钟可疑：请通知主管校正时间',
    signInTitle: '操作员登录',
    signInLead: '请输入工号和密码（PIN），按 Enter 登录',
    operatorId: '工号',
    pin: '密码（PIN）',
    signIn: '登录',
    signingIn: '正在登录…',
    badPin: '工号或密码不正确，请重新输入。',
    lockedOut: (until) => `密码输错次数过多，已暂时锁定。请于 ${until} 之后再试，或联系主管。`,
    pinFormat: '密码为 4–12 位数字。',
    failed: (m) => `操作未成功：${m}`,
    loading: '正在连接终端…',
  },
  en: {
    appName: 'Jinka card terminal',
    service: 'Service at this counter',
    colon: ': ',
    history: 'Today',
    settings: 'Settings',
    signOut: 'Sign out',
    backToScan: 'Back to scanning',
    switchLanguage: '中文',
    terminal: 'Terminal',
    site: 'Site',
    operator: 'Operator',
    supervisor: 'supervisor',
    lists: 'Revocations',
    listsNone: 'none',
    rules: 'Rules',
    rulesVersion: (v, builtIn) => `v${v}${builtIn ? ' (built-in)' : ''}`,
    syncLabel: 'Sync',
    sync: { 'not-enrolled': 'not set up', idle: 'Synced', syncing: 'Syncing…', offline: 'Offline', error: 'Sync error', disabled: 'Sync off' },
    pendingUploads: (n) => `${n} to upload`,
    listsStale: (missing, old) =>
      [...(missing.length > 0 ? [`no revocation list from ${missing.join(', ')}`] : []), ...(old.length > 0 ? [`${old.join(', ')} revocation list out of date`] : [])]
        .join('; ')
        .replace(/^./, (c) => c.toUpperCase()) + ': sync or import the latest list soon',
    listsMissing: (issuers) => `none from ${issuers.join(', ')}`,
    clockSuspect: 'Clock suspect: ask the supervisor to correct the time',
    signInTitle: 'Operator sign-in',
    signInLead: 'Enter your operator ID and PIN, then press Enter',
    operatorId: 'Operator ID',
    pin: 'PIN',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    badPin: 'Operator ID or PIN is wrong. Please try again.',
    lockedOut: (until) => `Too many wrong PINs: locked. Try again after ${until}, or ask the supervisor.`,
    pinFormat: 'The PIN is 4–12 digits.',
    failed: (m) => `That did not work: ${m}`,
    loading: 'Connecting to the terminal…',
  },
};
