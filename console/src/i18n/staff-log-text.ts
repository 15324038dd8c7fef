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
    },
  },
};
