import type { Locale } from '../../../shared/i18n/locale.js';

/** Strings of the staff log page (auditor, admin). */
export interface StaffLogText {
  title: string;
  lead: string;
  chainOk: string;
  chainBroken: string;
  export: string;
  colSeq: string;
  colAt: string;
  colStaff: string;
  colAddress: string;
  colAction: string;
  colTarget: string;
  colOutcome: string;
  nobody: string;
  more: string;
  empty: string;
  shown: (n: number) => string;
  ok: string;
  refused: string;
  /** Action codes in words (a code not listed, from a newer hub, shows as written). */
  action: Readonly<Record<string, string>>;
  /** An outcome's detail in words (console/src/log/outcome-words.ts). */
  detail: {
    open: string;
    close: string;
    listSeparator: string;
    totpSetupRequired: string;
    disabled: string;
    enabled: string;
    noRoles: string;
    roleChange: (from: string, to: string) => string;
    keyRole: Record<'signing' | 'trust', string>;
    trustVersion: (v: number) => string;
    trustUnchanged: string;
    rulesPreview: (base: number, changes: number) => string;
    digest: (hex: string) => string;
    none: string;
    lines: (lines: number, problems: number | undefined) => string;
  };
}

export const STAFF_LOG_TEXT: Readonly<Record<Locale, StaffLogText>> = {
  zh: {
    title: '操作日志',
    lead: '每一次工作人员操作都记录在此（谁、何时、从哪里、做了什么），只能追加，逐条哈希相连。',
    chainOk: '日志链完整：没有记录被改动或删除。',
    chainBroken: '日志链断裂：有记录被改动或删除，请立即报告。',
    export: '导出 CSV',
    colSeq: '序号',
    colAt: '时间',
    colStaff: '工作人员',
    colAddress: '来源地址',
    colAction: '操作',
    colTarget: '对象',
    colOutcome: '结果',
    nobody: '（未登录）',
    more: '加载更多',
    empty: '还没有记录。',
    shown: (n) => `已显示 ${n} 条`,
    ok: '成功',
    refused: '拒绝：',
    action: {
      'sign-in': '登录',
      'sign-out': '退出登录',
      session: '查看会话',
      'totp.enrol': '生成验证器密钥',
      'totp.confirm': '确认验证器',
      'staff.list': '查看工作人员',
      'staff.add': '添加工作人员',
      'staff.reset-password': '重设密码',
      'staff.role': '更改角色',
      'staff.disable': '停用或启用账号',
      'staff.totp-reset': '重设动态码',
      'staff.totp-roles': '设置需要动态码的角色',
      'staff-log.read': '查看操作日志',
      'staff-log.export': '导出操作日志',
      'overview.read': '查看概览',
      'cards.list': '查看金卡列表',
      'cards.show': '查看金卡',
      'cards.find-by-id': '按身份证号查找金卡',
      'cards.issue': '发放金卡',
      'cards.revoke': '注销金卡',
      'cards.reissue': '补发金卡',
      'cards.download.sheet': '下载金卡打印页',
      'cards.download.qr': '下载金卡二维码',
      'cards.download.token': '下载金卡令牌',
      'cards.roster.preview': '预览花名册',
      'cards.roster.import': '导入花名册',
      'cards.roster.jobs': '查看导入任务',
      'cards.roster.job': '查看导入任务',
      'terminal.list': '查看终端列表',
      'terminal.enrol-code': '生成终端登记码',
      'terminal.disable': '停用终端',
      'usage.read': '查看使用报表',
      'usage.export-csv': '导出报表 CSV',
      'usage.export-xlsx': '导出报表 Excel',
      'flag.list': '查看异常提示',
      'flag.resolve': '处理异常提示',
      'rules.read': '查看服务规则',
      'rules.preview': '预览服务规则',
      'rules.publish': '发布服务规则',
      'key.list': '查看密钥',
      'key.rotate': '更换密钥',
      'key.retire': '停用密钥',
      'issuer.list': '查看外部发卡方',
    },
    detail: {
      open: '（',
      close: '）',
      listSeparator: '、',
      totpSetupRequired: '须先设置验证器',
      disabled: '已停用',
      enabled: '已启用',
      noRoles: '无角色需要',
      roleChange: (from, to) => `${from} → ${to}`,
      keyRole: { signing: '签名密钥', trust: '信任密钥' },
      trustVersion: (v) => `信任列表第 ${v} 版`,
      trustUnchanged: '信任列表未变',
      rulesPreview: (base, changes) => `对照第 ${base} 版，${changes} 处改动`,
      digest: (hex) => `摘要 ${hex}`,
      none: '未找到',
      lines: (lines, problems) => (problems === undefined ? `${lines} 行` : `${lines} 行，${problems} 处问题`),
    },
  },
  en: {
    title: 'Staff log',
    lead: 'Every staff action is recorded here (who, when, from where, what), append-only and hash-chained.',
    chainOk: 'The chain is intact: no entry was changed or removed.',
    chainBroken: 'The chain is broken: an entry was changed or removed. Report this now.',
    export: 'Export CSV',
    colSeq: 'No.',
    colAt: 'Time',
    colStaff: 'Staff',
    colAddress: 'Address',
    colAction: 'Action',
    colTarget: 'Target',
    colOutcome: 'Outcome',
    nobody: '(not signed in)',
    more: 'Load more',
    empty: 'No entries yet.',
    shown: (n) => `${n} shown`,
    ok: 'Done',
    refused: 'Refused: ',
    action: {
      'sign-in': 'Sign in',
      'sign-out': 'Sign out',
      session: 'Session check',
      'totp.enrol': 'Authenticator key made',
      'totp.confirm': 'Authenticator confirmed',
      'staff.list': 'Staff list read',
      'staff.add': 'Staff added',
      'staff.reset-password': 'Password reset',
      'staff.role': 'Role changed',
      'staff.disable': 'Account disabled or enabled',
      'staff.totp-reset': 'Authenticator reset',
      'staff.totp-roles': 'Roles needing an authenticator set',
      'staff-log.read': 'Staff log read',
      'staff-log.export': 'Staff log exported',
      'overview.read': 'Overview read',
      'cards.list': 'Card list read',
      'cards.show': 'Card read',
      'cards.find-by-id': 'Card found by ID number',
      'cards.issue': 'Card issued',
      'cards.revoke': 'Card revoked',
      'cards.reissue': 'Card re-issued',
      'cards.download.sheet': 'Card sheet downloaded',
      'cards.download.qr': 'Card QR downloaded',
      'cards.download.token': 'Card token downloaded',
      'cards.roster.preview': 'Roster previewed',
      'cards.roster.import': 'Roster imported',
      'cards.roster.jobs': 'Roster imports read',
      'cards.roster.job': 'Roster import read',
      'terminal.list': 'Terminal list read',
      'terminal.enrol-code': 'Terminal enrolment made',
      'terminal.disable': 'Terminal disabled',
      'usage.read': 'Usage report read',
      'usage.export-csv': 'Usage exported (CSV)',
      'usage.export-xlsx': 'Usage exported (Excel)',
      'flag.list': 'Flags read',
      'flag.resolve': 'Flag resolved',
      'rules.read': 'Rules read',
      'rules.preview': 'Rules previewed',
      'rules.publish': 'Rules published',
      'key.list': 'Keys read',
      'key.rotate': 'Key rotated',
      'key.retire': 'Key retired',
      'issuer.list': 'Foreign issuers read',
    },
    detail: {
      open: ' (',
      close: ')',
      listSeparator: ', ',
      totpSetupRequired: 'authenticator set-up required',
      disabled: 'disabled',
      enabled: 'enabled',
      noRoles: 'no role',
      roleChange: (from, to) => `${from} → ${to}`,
      keyRole: { signing: 'signing key', trust: 'trust key' },
      trustVersion: (v) => `trust list v${v}`,
      trustUnchanged: 'trust list unchanged',
      rulesPreview: (base, changes) => `against v${base}, ${changes} change(s)`,
      digest: (hex) => `digest ${hex}`,
      none: 'Not found',
      lines: (lines, problems) => (problems === undefined ? `${lines} line(s)` : `${lines} line(s), ${problems} problem(s)`),
    },
  },
};
