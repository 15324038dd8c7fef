import type { StaffRole } from '../../../shared/console/console-api.js';
import type { Locale } from '../../../shared/i18n/locale.js';
import type { PageId } from '../app/pages.js';

/** Strings of the frame around every page: header, navigation, sign-out, language. */
export interface ShellText {
  appName: string;
  bureau: string;
  nav: string;
  page: Record<PageId, string>;
  role: Record<StaffRole, string>;
  signedInAs: (name: string, role: string) => string;
  signOut: string;
  switchLanguage: string;
  loading: string;
  retry: string;
  skipToContent: string;
  noPages: string;
}

export const SHELL_TEXT: Readonly<Record<Locale, ShellText>> = {
  zh: {
    appName: '金卡管理控制台',
    bureau: '聊城市人才服务金卡',
    nav: '功能导航',
    page: { overview: '概览', cards: '金卡', usage: '使用统计', flags: '异常提示', terminals: '核验终端', rules: '服务规则', keys: '密钥', staff: '工作人员', 'staff-log': '操作日志' },
    role: { admin: '管理员', officer: '经办人', auditor: '审计员' },
    signedInAs: (name, role) => `${name}（${role}）`,
    signOut: '退出登录',
    switchLanguage: 'English',
    loading: '正在加载…',
    retry: '重试',
    skipToContent: '跳到正文',
    noPages: '您的角色在此控制台版本中还没有可用的页面。',
  },
  en: {
    appName: 'Jinka bureau console',
    bureau: 'Liaocheng talent gold card',
    nav: 'Sections',
    page: { overview: 'Overview', cards: 'Cards', usage: 'Usage', flags: 'Flags', terminals: 'Terminals', rules: 'Rules', keys: 'Keys', staff: 'Staff', 'staff-log': 'Staff log' },
    role: { admin: 'Admin', officer: 'Officer', auditor: 'Auditor' },
    signedInAs: (name, role) => `${name} (${role})`,
    signOut: 'Sign out',
    switchLanguage: '中文',
    loading: 'Loading…',
    retry: 'Try again',
    skipToContent: 'Skip to content',
    noPages: 'This version of the console has no page for your role yet.',
  },
};
